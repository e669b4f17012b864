// The `auth` domain: IAM Identity Center (SSO) sessions and signing in to them. Tokens never
// cross this boundary; the renderer sees only states, times and the device code to show.
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';

export const SessionIdSchema = z.string().min(1).max(200);

export const SignInFlowSchema = z.enum(['pkce', 'device']);
export type SignInFlow = z.infer<typeof SignInFlowSchema>;

export const SsoSessionStateSchema = z.enum(['signed-out', 'signing-in', 'signed-in', 'expired', 'error']);
export type SsoSessionState = z.infer<typeof SsoSessionStateSchema>;

export const PendingSignInSchema = z.object({
  flow: SignInFlowSchema,
  /** Device flow: the code the user confirms on the verification page. */
  userCode: z.string().optional(),
  verificationUri: z.string().optional(),
  verificationUriComplete: z.string().optional(),
  /** When the pending sign-in gives up (device code expiry or the 5-minute PKCE timeout), epoch ms. */
  expiresAt: z.number(),
});
export type PendingSignIn = z.infer<typeof PendingSignInSchema>;

export const SsoSessionSummarySchema = z.object({
  id: SessionIdSchema,
  name: z.string(),
  startUrl: z.string(),
  region: z.string(),
  source: z.enum(['sso-session', 'legacy-profile', 'app']),
  state: SsoSessionStateSchema,
  /** Access-token expiry, epoch ms (signed-in or expired). */
  expiresAt: z.number().optional(),
  /** Whether Fumidai can refresh silently (a refresh token and a live client registration exist). */
  canRefresh: z.boolean(),
  pending: PendingSignInSchema.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type SsoSessionSummary = z.infer<typeof SsoSessionSummarySchema>;

/** What can be wrong in ~/.aws/config, as codes (common/configProblems.ts words them in English). */
export const CONFIG_PROBLEM_CODES = [
  'unreadable',
  'empty-section',
  'duplicate-section',
  'unclosed-section',
  'outside-section',
  'nested-expected',
  'expected-key-value',
  'session-incomplete',
  'unknown-session',
  'start-url-differs',
  'no-region',
] as const;
export type ConfigProblemCode = (typeof CONFIG_PROBLEM_CODES)[number];

/** One problem in the AWS config file, as data so the window can word it in its language. */
export const ConfigProblemSchema = z.object({
  path: z.string(),
  /** The line it concerns (none when the file could not be read at all). */
  line: z.number().int().optional(),
  code: z.enum(CONFIG_PROBLEM_CODES),
  /** section, profile, session (names from the file) or cause (the system's words). */
  params: z.record(z.string(), z.string()),
  /** The same in English, with path and line: the CLI's warning. */
  message: z.string(),
});
export type ConfigProblem = z.infer<typeof ConfigProblemSchema>;

export const SessionsSnapshotSchema = z.object({
  sessions: z.array(SsoSessionSummarySchema),
  /** Problems found in ~/.aws/config (with line numbers); the sessions that could be read are still listed. */
  configProblems: z.array(ConfigProblemSchema),
});
export type SessionsSnapshot = z.infer<typeof SessionsSnapshotSchema>;

export const AddSessionRequestSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
  startUrl: z.string().min(1).max(512),
  region: z.string().min(1).max(32),
  scopes: z.array(z.string().max(128)).max(20).optional(),
  /** Also write an [sso-session] section to ~/.aws/config so the AWS CLI can use it. */
  writeToAwsConfig: z.boolean().optional(),
});

export const authDomain = defineDomain('auth', {
  listSessions: invoke({ request: z.undefined(), response: SessionsSnapshotSchema }),
  addSession: invoke({ request: AddSessionRequestSchema, response: SsoSessionSummarySchema }),
  /** Starts a sign-in and resolves once the user has something to do (browser opened, code shown). */
  signIn: invoke({ request: z.object({ sessionId: SessionIdSchema, flow: SignInFlowSchema.optional() }), response: SsoSessionSummarySchema }),
  cancelSignIn: invoke({ request: z.object({ sessionId: SessionIdSchema }), response: SsoSessionSummarySchema }),
  signOut: invoke({ request: z.object({ sessionId: SessionIdSchema }), response: SsoSessionSummarySchema }),
  onDidChangeSessions: event(SessionsSnapshotSchema),
});
