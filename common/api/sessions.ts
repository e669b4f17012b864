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

export const TerminalSummarySchema = z.object({
  terminalId: TerminalIdSchema,
  kind: z.literal('ssm-shell'),
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
});
export type SavedTab = z.infer<typeof SavedTabSchema>;
/** More open tabs than this are not restored (the list protects the file, not a workflow). */
export const MAX_SAVED_TABS = 30;

export const sessionsDomain = defineDomain('sessions', {
  openShell: stream({ request: OpenShellRequestSchema, meta: TerminalSummarySchema }),
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
