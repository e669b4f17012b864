// The `sessions` domain: terminals (SSM shells now; SSH through bastions later) opened from the
// instance list, with their live state. Terminal bytes flow over a stream member with
// acknowledgement-based flow control; everything else is small request/response calls.
import { z } from 'zod';
import { defineDomain, event, invoke, stream } from './contract';
import { SessionIdSchema } from './auth';
import { AccountIdSchema, RoleNameSchema } from './accounts';

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
  state: TerminalStateSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  exitCode: z.number().optional(),
  endReason: z.string().optional(),
});
export type TerminalSummary = z.infer<typeof TerminalSummarySchema>;

export const sessionsDomain = defineDomain('sessions', {
  openShell: stream({ request: OpenShellRequestSchema, meta: TerminalSummarySchema }),
  resize: invoke({
    request: z.object({ terminalId: TerminalIdSchema, cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }),
    response: z.object({ ok: z.literal(true) }),
  }),
  list: invoke({ request: z.undefined(), response: z.array(TerminalSummarySchema) }),
  onDidChange: event(TerminalSummarySchema),
});
