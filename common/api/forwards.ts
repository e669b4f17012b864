// The `forwards` domain: Session Manager port forwards started from the window — to a port on the
// instance, or to a host the instance can reach (a database behind it) — listening on a local
// port the user chose or any free one. The mode (basic or multiplexed) is the agent's to decide,
// as it is for AWS's own plugin. Traffic counters arrive with onDidChange, at most twice a second.
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';
import { SessionIdSchema } from './auth';
import { AccountIdSchema, RoleNameSchema } from './accounts';
import { RegionSchema } from './inventory';
import { ENVIRONMENTS } from '../environments';

export const ForwardIdSchema = z.string().regex(/^f[0-9]{1,9}$/);

const PortSchema = z.number().int().min(1, 'a port from 1 to 65535').max(65535, 'a port from 1 to 65535');

/** A DNS name or an IPv4 address, as AWS-StartPortForwardingSessionToRemoteHost accepts it. */
export const RemoteHostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, 'a host name such as db.internal or an IPv4 address');

export const StartForwardRequestSchema = z.object({
  ssoSessionId: SessionIdSchema,
  accountId: AccountIdSchema,
  roleName: RoleNameSchema,
  region: RegionSchema,
  instanceId: z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/),
  /** Labels for the Sessions view (names come from tags: bounded, shown as text). */
  instanceName: z.string().max(512).optional(),
  accountName: z.string().max(512).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  remotePort: PortSchema,
  /** Omitted: the port is on the instance itself. */
  remoteHost: RemoteHostSchema.optional(),
  /** Omitted or 0: any free local port. */
  localPort: z.number().int().min(0).max(65535).optional(),
  /** Shown in CloudTrail; the UI requires one for production targets. */
  reason: z.string().max(256).optional(),
});
export type StartForwardRequest = z.infer<typeof StartForwardRequestSchema>;

export const ForwardSummarySchema = z.object({
  forwardId: ForwardIdSchema,
  instanceId: z.string(),
  instanceName: z.string().optional(),
  accountId: z.string(),
  accountName: z.string().optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  roleName: z.string(),
  region: z.string(),
  remoteHost: z.string().optional(),
  remotePort: z.number(),
  /** Where local clients connect, e.g. 127.0.0.1:54321. */
  localAddress: z.string(),
  localPort: z.number(),
  mode: z.enum(['basic', 'smux']),
  awsSessionId: z.string(),
  state: z.enum(['listening', 'reconnecting', 'ended']),
  /** Bytes from the remote port to local clients. */
  bytesIn: z.number(),
  /** Bytes from local clients to the remote port. */
  bytesOut: z.number(),
  connections: z.number(),
  activeConnections: z.number(),
  refused: z.number(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  /** How it ended: stopped here, closed by Session Manager, or failed; the window words it when `endReason` is absent. */
  endCode: z.enum(['stopped', 'closed', 'failed']).optional(),
  /** Specific words: the agent's output or the error. */
  endReason: z.string().optional(),
});
export type ForwardSummary = z.infer<typeof ForwardSummarySchema>;

export const forwardsDomain = defineDomain('forwards', {
  start: invoke({ request: StartForwardRequestSchema, response: ForwardSummarySchema }),
  list: invoke({ request: z.undefined(), response: z.array(ForwardSummarySchema) }),
  stop: invoke({ request: z.object({ forwardId: ForwardIdSchema }), response: z.object({ ok: z.literal(true) }) }),
  onDidChange: event(ForwardSummarySchema),
});
