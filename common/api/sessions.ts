// The `sessions` domain: terminals (SSM shells now; SSH through bastions later) opened from the
// instance list, with their live state. Terminal bytes flow over a stream member with
// acknowledgement-based flow control; everything else is small request/response calls.
import { z } from 'zod';
import { defineDomain, event, invoke, stream } from './contract';
import { SessionIdSchema } from './auth';
import { AccountIdSchema, RoleNameSchema } from './accounts';
import { HostRefSchema } from './inventory';

export const TerminalIdSchema = z.string().regex(/^t[0-9]{1,9}$/);

export const OpenShellRequestSchema = z.object({
  /** The SSO session whose role credentials start the session. */
  ssoSessionId: SessionIdSchema,
  accountId: AccountIdSchema,
  roleName: RoleNameSchema,
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  instanceId: z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/),
  /** Shown in CloudTrail and DescribeSessions; required by the UI for production targets. */
  reason: z.string().max(256).optional(),
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
});

export const TerminalStateSchema = z.enum(['connecting', 'live', 'reconnecting', 'ended']);

const InstanceIdSchema = z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/);
const OsUserSchema = z.string().regex(/^[a-z_][a-z0-9_.-]{0,31}$/, 'an OS user name (lower-case letters, digits, _ . -)');

/**
 * An SSH shell on an instance: through a bastion (its instance id; the inventory and ~/.ssh/config
 * say how to reach it), over Session Manager (AWS-StartSSHSession), or directly.
 */
export const OpenSshRequestSchema = z.object({
  ssoSessionId: SessionIdSchema,
  accountId: AccountIdSchema,
  roleName: RoleNameSchema,
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  instanceId: InstanceIdSchema,
  via: z.enum(['bastion', 'ssm', 'direct']),
  /** The bastion for via 'bastion' (default: the one the inventory's route names). */
  bastionId: InstanceIdSchema.optional(),
  osUser: OsUserSchema.optional(),
  reason: z.string().max(256).optional(),
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
});
export type OpenSshRequest = z.infer<typeof OpenSshRequestSchema>;

const PromptIdSchema = z.string().regex(/^p[0-9]{1,9}$/);

/**
 * A question an SSH login puts to the person while its tab is connecting: a host key seen for the
 * first time (accept or not), or a keyboard-interactive round (a TOTP code). Answers go back with
 * answerPrompt and are never echoed, kept or logged.
 */
export const TerminalPromptSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('host-key'),
    promptId: PromptIdSchema,
    /** The host as a person knows it (name and instance id). */
    host: z.string().max(300),
    /** The name the key will be filed under. */
    hostKeyName: z.string().max(300),
    keyType: z.string().max(64),
    fingerprint: z.string().max(120),
    otherTypes: z.array(z.string().max(64)).max(8),
  }),
  z.object({
    kind: z.literal('keyboard-interactive'),
    promptId: PromptIdSchema,
    host: z.string().max(300),
    name: z.string().max(300),
    instructions: z.string().max(2000),
    prompts: z.array(z.object({ prompt: z.string().max(500), echo: z.boolean() })).min(1).max(10),
  }),
]);
export type TerminalPrompt = z.infer<typeof TerminalPromptSchema>;

export const AnswerPromptRequestSchema = z.object({
  terminalId: TerminalIdSchema,
  promptId: PromptIdSchema,
  /** host-key: whether the key is trusted. keyboard-interactive: false cancels the login. */
  accept: z.boolean(),
  /** keyboard-interactive answers, in prompt order. */
  responses: z.array(z.string().max(1024)).max(10).optional(),
});

export const TrustedHostKeySchema = z.object({ name: z.string(), keyType: z.string(), fingerprint: z.string() });
export type TrustedHostKey = z.infer<typeof TrustedHostKeySchema>;

export const TerminalSummarySchema = z.object({
  terminalId: TerminalIdSchema,
  /** ssm-shell: a Session Manager shell; ssh: an SSH shell (through a bastion, over Session Manager or direct). */
  kind: z.enum(['ssm-shell', 'ssh']),
  /** How an SSH tab got there: the bastions it went through, or Session Manager (English, as the recording names it). */
  via: z.string().max(400).optional(),
  /** The kind of path, for the window to word: through bastions (named in via), over Session Manager, or direct. */
  viaKind: z.enum(['bastion', 'ssm', 'direct']).optional(),
  instanceId: z.string(),
  accountId: z.string(),
  region: z.string(),
  roleName: z.string(),
  /** The SSM session id (as CloudTrail and the console show it). */
  awsSessionId: z.string().optional(),
  /** The OS user the shell runs as (SSMSessionRunAs), as the shell's first prompt names it. */
  osUser: z.string().max(64).optional(),
  /** The local recording of this session (a History entry), when it is recorded. */
  recording: z.string().max(200).optional(),
  state: TerminalStateSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  exitCode: z.number().optional(),
  endReason: z.string().optional(),
  /** The error code when the session failed (HostKeyMismatch, AccessDenied…), for the tab to show it as such. */
  endCode: z.string().optional(),
  /** A question waiting for the person (SSH tabs while connecting). */
  prompt: TerminalPromptSchema.optional(),
});
export type TerminalSummary = z.infer<typeof TerminalSummarySchema>;

/**
 * A terminal tab as it is kept across restarts: enough to open the same shell again (the SSO
 * session, account, role, region and instance) and to label the tab before the inventory loads.
 * Never a reason: a production tab asks for one again when it is reopened.
 */
export const SavedTabSchema = HostRefSchema.extend({
  ssoSessionId: SessionIdSchema,
  roleName: RoleNameSchema,
  /** An SSH tab: how it reached the host (absent for a Session Manager shell). */
  ssh: z.object({ via: z.enum(['bastion', 'ssm', 'direct']), bastionId: z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/).optional() }).optional(),
});
export type SavedTab = z.infer<typeof SavedTabSchema>;
/** More open tabs than this are not restored (the list protects the file, not a workflow). */
export const MAX_SAVED_TABS = 30;

export const sessionsDomain = defineDomain('sessions', {
  openShell: stream({ request: OpenShellRequestSchema, meta: TerminalSummarySchema }),
  /**
   * Opens an SSH tab at once (state connecting); host-key and second-factor questions arrive as
   * the summary's `prompt`, and a failed login ends the stream with its code and message.
   */
  openSsh: stream({ request: OpenSshRequestSchema, meta: TerminalSummarySchema }),
  answerPrompt: invoke({ request: AnswerPromptRequestSchema, response: z.object({ ok: z.literal(true) }) }),
  /** Host keys the user accepted in Fumidai (its own store; ~/.ssh/known_hosts is never written). */
  trustedHostKeys: invoke({ request: z.undefined(), response: z.array(TrustedHostKeySchema) }),
  /** Removes the keys filed under a name from Fumidai's store: the next connection asks again. */
  forgetHostKey: invoke({ request: z.object({ name: z.string().min(1).max(300) }), response: z.object({ removed: z.number().int() }) }),
  resize: invoke({
    request: z.object({ terminalId: TerminalIdSchema, cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }),
    response: z.object({ ok: z.literal(true) }),
  }),
  list: invoke({ request: z.undefined(), response: z.array(TerminalSummarySchema) }),
  /** Ends a terminal's session (TerminateSession); its tab stays, showing how it ended. */
  terminate: invoke({ request: z.object({ terminalId: TerminalIdSchema }), response: z.object({ ok: z.literal(true) }) }),
  /** The terminal tabs that were open when Fumidai last ran (restored at start). */
  savedTabs: invoke({ request: z.undefined(), response: z.array(SavedTabSchema) }),
  /** Replaces the list of open tabs kept for the next start. */
  saveTabs: invoke({ request: z.object({ tabs: z.array(SavedTabSchema).max(MAX_SAVED_TABS) }), response: z.object({ ok: z.literal(true) }) }),
  onDidChange: event(TerminalSummarySchema),
});
