// The `inventory` domain: EC2 instances across every account and region the user can reach, with
// the SSM agent's status and how each one can be reached (its access route).
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';
import { SessionIdSchema } from './auth';
import { ENVIRONMENTS } from '../environments';

export const RouteSchema = z.object({
  /** ssm: Session Manager; bastion: SSH through a bastion; unreachable: neither, see reason. */
  kind: z.enum(['ssm', 'bastion', 'unreachable']),
  reason: z.string().optional(),
  bastionId: z.string().optional(),
});
export type Route = z.infer<typeof RouteSchema>;

export const InstanceSummarySchema = z.object({
  instanceId: z.string(),
  name: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  environment: z.enum(ENVIRONMENTS),
  region: z.string(),
  /** The role used to discover it (and to connect, unless the user picks another). */
  roleName: z.string(),
  state: z.string(),
  platform: z.string(),
  privateIp: z.string().optional(),
  publicIp: z.string().optional(),
  vpcId: z.string().optional(),
  launchTime: z.number().optional(),
  tags: z.record(z.string(), z.string()),
  ssm: z.object({ ping: z.enum(['Online', 'ConnectionLost', 'Inactive', 'None']), agentVersion: z.string().optional() }),
  route: RouteSchema,
});
export type InstanceSummary = z.infer<typeof InstanceSummarySchema>;

export const InventorySnapshotSchema = z.object({
  sessionId: SessionIdSchema,
  instances: z.array(InstanceSummarySchema),
  loading: z.boolean(),
  progress: z.object({ done: z.number(), total: z.number() }).optional(),
  /** Per account and region: what could not be listed and why (AWS's message). */
  errors: z.array(z.object({ accountId: z.string(), accountName: z.string(), region: z.string(), code: z.string(), message: z.string() })),
  fetchedAt: z.number().optional(),
});
export type InventorySnapshot = z.infer<typeof InventorySnapshotSchema>;

export const inventoryDomain = defineDomain('inventory', {
  list: invoke({ request: z.object({ sessionId: SessionIdSchema, refresh: z.boolean().optional() }), response: InventorySnapshotSchema }),
  onDidChange: event(InventorySnapshotSchema),
});
