// The `inventory` domain: EC2 instances across every account and region the user can reach, with
// the SSM agent's status and how each one can be reached (its access route).
//
// How a view uses it:
//  - `list` returns what is known at once (the on-disk copy of the last inventory, with
//    `fetchedAt` for its age and `fromCache`), and starts a refresh when it is stale or asked to.
//  - `onDidLoadTarget` fires once per account × region as soon as it is listed, with that target's
//    instances (or its error): rows appear as they arrive. Replace the rows of that
//    account/region with the event's instances.
//  - `onDidChange` carries the whole snapshot, at most a few times a second while loading and once
//    at the end (progress bar, error list, final order).
//  - `refresh` re-lists everything, one account, or one region; `detail` explains one instance.
//  - `shortcuts` / `setFavorite` / `onDidChangeShortcuts`: favourite and recent hosts, shared with
//    the tray; a host becomes recent when a session to it starts (the core records that).
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';
import { SessionIdSchema } from './auth';
import { AccountIdSchema, RoleNameSchema } from './accounts';
import { ENVIRONMENTS } from '../environments';

export const RegionSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'an AWS region such as ap-northeast-1');

/**
 * The reason behind a route as data, so each window language can say it (the English `reason`
 * stays for the CLI and logs; a test keeps the two in step).
 */
export const RouteWhySchema = z.object({
  code: z.enum(['state', 'bastion-self', 'via-bastion', 'no-bastion']),
  /** The instance state (code state). */
  state: z.string().optional(),
  /** What the SSM agent reported: ConnectionLost, Inactive or None. */
  agent: z.enum(['Online', 'ConnectionLost', 'Inactive', 'None']).optional(),
  /** The bastion tag as Key=Value. */
  tag: z.string().optional(),
  /** The bastion, as "name (id)" or its id. */
  bastion: z.string().optional(),
  /** The VPC searched for a bastion (none when the instance has no VPC). */
  vpc: z.string().optional(),
});
export type RouteWhy = z.infer<typeof RouteWhySchema>;

export const RouteSchema = z.object({
  /** ssm: Session Manager; bastion: SSH through a bastion; unreachable: neither, see reason. */
  kind: z.enum(['ssm', 'bastion', 'unreachable']),
  /** Why this route (for bastion and unreachable), in words a person can act on. */
  reason: z.string().optional(),
  /** The bastion to go through (kind bastion); the instance's own id when it is the bastion. */
  bastionId: z.string().optional(),
  bastionName: z.string().optional(),
  /** Something worth knowing about a working route (e.g. the agent lost its connection). */
  note: z.string().optional(),
  why: RouteWhySchema.optional(),
  /** The note as a code: agent-lost. */
  noteCode: z.enum(['agent-lost']).optional(),
});
export type Route = z.infer<typeof RouteSchema>;

export const SSM_PING_STATUSES = ['Online', 'ConnectionLost', 'Inactive', 'None'] as const;
export type SsmPing = (typeof SSM_PING_STATUSES)[number];

export const InstanceSummarySchema = z.object({
  instanceId: z.string(),
  /** The Name tag, or the instance id when it has none. */
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
  instanceType: z.string().optional(),
  launchTime: z.number().optional(),
  tags: z.record(z.string(), z.string()),
  ssm: z.object({
    /** None: no SSM agent has ever registered this instance. */
    ping: z.enum(SSM_PING_STATUSES),
    agentVersion: z.string().optional(),
    lastPingAt: z.number().optional(),
  }),
  route: RouteSchema,
  /** This instance carries the bastion tag. */
  isBastion: z.boolean().optional(),
});
export type InstanceSummary = z.infer<typeof InstanceSummarySchema>;

/** One account × region of the inventory and how far its listing got. */
export const InventoryTargetSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  region: z.string(),
  /** The role it is (or was) listed with; absent when the account offers none. */
  roleName: z.string().optional(),
  status: z.enum(['pending', 'loading', 'done', 'error']),
  instanceCount: z.number().optional(),
  fetchedAt: z.number().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type InventoryTarget = z.infer<typeof InventoryTargetSchema>;

export const InventoryErrorSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  region: z.string(),
  roleName: z.string().optional(),
  code: z.string(),
  /** AWS's own message (e.g. which action the policy does not allow). */
  message: z.string(),
});
export type InventoryError = z.infer<typeof InventoryErrorSchema>;

export const InventorySnapshotSchema = z.object({
  sessionId: SessionIdSchema,
  instances: z.array(InstanceSummarySchema),
  loading: z.boolean(),
  progress: z.object({ done: z.number(), total: z.number() }).optional(),
  /** Per account and region: what could not be listed and why (AWS's message). */
  errors: z.array(InventoryErrorSchema),
  /** When the shown inventory was completed (epoch ms); with `fromCache`, its age. */
  fetchedAt: z.number().optional(),
  /** The instances come from the on-disk copy of an earlier run (a refresh may be under way). */
  fromCache: z.boolean().optional(),
  /** The regions searched. */
  regions: z.array(z.string()).optional(),
  targets: z.array(InventoryTargetSchema).optional(),
  /** The last refresh could not start or was cut short (e.g. SsoExpired: sign in again). */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type InventorySnapshot = z.infer<typeof InventorySnapshotSchema>;

/** The event for one completed account × region, so rows can be shown as they arrive. */
export const InventoryTargetLoadedSchema = z.object({
  sessionId: SessionIdSchema,
  target: InventoryTargetSchema,
  /** Every instance of that account and region (empty on error). */
  instances: z.array(InstanceSummarySchema),
  progress: z.object({ done: z.number(), total: z.number() }),
});
export type InventoryTargetLoaded = z.infer<typeof InventoryTargetLoadedSchema>;

export const SESSION_KINDS = ['shell', 'port-forward', 'ssh'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** What the SSM agent last reported, as a step or a reason states it. */
export const AgentStatusSchema = z.object({
  ping: z.enum(SSM_PING_STATUSES),
  version: z.string().optional(),
  /** How long before the detail was built the agent last reported (ms): each language says "… ago" its own way. */
  heardMsAgo: z.number().optional(),
});
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/**
 * One step of the route explanation, as data: each window language says it through its catalog,
 * and common/inventory/explanation.ts says it in English for the CLI (a test keeps the two equal).
 * `reason`/`note` carry the core's English sentence for the route; `why`/`noteCode` the same as codes.
 */
export const RouteStepSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('state'), state: z.string() }),
  z.object({ code: z.literal('agent'), agent: AgentStatusSchema }),
  /** The instance carries the bastion tag (Key=Value). */
  z.object({ code: z.literal('is-bastion'), tag: z.string() }),
  z.object({ code: z.literal('no-vpc') }),
  z.object({ code: z.literal('bastion-in-vpc'), vpc: z.string(), name: z.string(), instanceId: z.string(), privateIp: z.string().optional() }),
  z.object({ code: z.literal('no-bastion-in-vpc'), vpc: z.string(), tag: z.string() }),
  z.object({ code: z.literal('route-ssm') }),
  /** SSH through `bastion` (name or id); without it, to this bastion directly. */
  z.object({ code: z.literal('route-bastion'), bastion: z.string().optional(), reason: z.string().optional(), why: RouteWhySchema.optional() }),
  z.object({ code: z.literal('route-unreachable'), reason: z.string().optional(), why: RouteWhySchema.optional() }),
  z.object({ code: z.literal('route-note'), note: z.string(), noteCode: RouteSchema.shape.noteCode }),
  /** The role the instance was listed with looks read-only. */
  z.object({ code: z.literal('read-only-role'), role: z.string(), account: z.string() }),
]);
export type RouteStep = z.infer<typeof RouteStepSchema>;

/** How an available session gets there. */
export const SessionViaSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('ssm') }),
  z.object({ code: z.literal('ssh-direct') }),
  z.object({ code: z.literal('ssh-bastion'), bastion: z.string() }),
]);
export type SessionVia = z.infer<typeof SessionViaSchema>;

/** Why a session is not possible. */
export const SessionBlockedSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('state'), state: z.string() }),
  /** Session Manager needs the agent online; this is what it reports. */
  z.object({ code: z.literal('agent'), agent: AgentStatusSchema }),
  z.object({ code: z.literal('windows') }),
  /** No running bastion with `tag` (Key=Value) in `vpc` (absent: the instance has no VPC). */
  z.object({ code: z.literal('no-bastion'), tag: z.string(), vpc: z.string().optional() }),
]);
export type SessionBlocked = z.infer<typeof SessionBlockedSchema>;

export const DetailSessionSchema = z.object({ kind: z.enum(SESSION_KINDS), available: z.boolean(), via: SessionViaSchema.optional(), reason: SessionBlockedSchema.optional() });
export type DetailSession = z.infer<typeof DetailSessionSchema>;

export const InstanceDetailSchema = z.object({
  instance: InstanceSummarySchema,
  /** Every tag, sorted by key. */
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  /** The route in steps a person can follow: what was checked and what it found. */
  routeExplanation: z.array(RouteStepSchema),
  /** The sessions this instance offers, and for each one that is not possible, why. */
  sessions: z.array(DetailSessionSchema),
  bastion: z.object({ instanceId: z.string(), name: z.string(), privateIp: z.string().optional(), publicIp: z.string().optional() }).optional(),
  /** The roles of its account (most privileged first) and the one in use. */
  roles: z.array(z.string()),
  roleName: z.string(),
  /** AWS refused something for this instance (listing its account/region, or a session): its words. */
  denial: z.object({ action: z.string(), roleName: z.string().optional(), message: z.string(), at: z.number() }).optional(),
});
export type InstanceDetail = z.infer<typeof InstanceDetailSchema>;

export const BastionTagSchema = z.object({ key: z.string().min(1).max(128), value: z.string().max(256) });

export const InventoryPreferencesSchema = z.object({
  /** The role chosen per account; accounts not named use the most privileged one. */
  roles: z.record(z.string(), z.string()),
  /** The regions searched when the user has not chosen: the SSO region plus those in ~/.aws/config. */
  defaultRegions: z.array(z.string()),
  /** The user's own region list, replacing the default. */
  regions: z.array(z.string()).optional(),
  /** How bastions are recognised (default Role=bastion). */
  bastionTag: BastionTagSchema,
});
export type InventoryPreferences = z.infer<typeof InventoryPreferencesSchema>;

/** A host the user marked or used: enough to show it and to connect before the inventory loads. */
export const HostRefSchema = z.object({
  instanceId: z.string().regex(/^(i|mi)-[0-9a-f]{1,32}$/, 'an instance id such as i-0abc…'),
  accountId: AccountIdSchema,
  region: RegionSchema,
  /** Names come from tags (anyone may write them): bounded, shown as text. */
  name: z.string().max(20_000),
  accountName: z.string().max(512).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  roleName: RoleNameSchema.optional(),
});
export type HostRef = z.infer<typeof HostRefSchema>;

/** Only a HostRef's own fields (callers often hold a whole instance summary). */
export function hostRefOf(h: HostRef): HostRef {
  return {
    instanceId: h.instanceId,
    accountId: h.accountId,
    region: h.region,
    name: h.name,
    ...(h.accountName !== undefined ? { accountName: h.accountName } : {}),
    ...(h.environment !== undefined ? { environment: h.environment } : {}),
    ...(h.roleName !== undefined ? { roleName: h.roleName } : {}),
  };
}

/** Favourite hosts and recently used ones (most recent first), shared by the view and the tray. */
export const InstanceShortcutsSchema = z.object({
  favorites: z.array(HostRefSchema),
  recents: z.array(HostRefSchema.extend({ usedAt: z.number() })),
});
export type InstanceShortcuts = z.infer<typeof InstanceShortcutsSchema>;

const SessionRequest = z.object({ sessionId: SessionIdSchema });

export const inventoryDomain = defineDomain('inventory', {
  /** What is known now (cache first) and a refresh when asked or stale. */
  list: invoke({ request: z.object({ sessionId: SessionIdSchema, refresh: z.boolean().optional() }), response: InventorySnapshotSchema }),
  /** Re-lists everything, or only one account and/or region; returns at once (progress by events). */
  refresh: invoke({
    request: z.object({ sessionId: SessionIdSchema, accountId: AccountIdSchema.optional(), region: RegionSchema.optional() }),
    response: InventorySnapshotSchema,
  }),
  detail: invoke({ request: z.object({ sessionId: SessionIdSchema, instanceId: z.string().regex(/^(i|mi)-[0-9a-f]{1,32}$/, 'an instance id such as i-0abc…') }), response: InstanceDetailSchema }),
  preferences: invoke({ request: SessionRequest, response: InventoryPreferencesSchema }),
  /** Changes roles (null: back to the default), regions (null: back to the default) or the bastion tag. */
  setPreferences: invoke({
    request: z.object({
      sessionId: SessionIdSchema,
      roles: z.record(AccountIdSchema, RoleNameSchema.nullable()).optional(),
      regions: z.array(RegionSchema).min(1).max(40).nullable().optional(),
      bastionTag: BastionTagSchema.optional(),
    }),
    response: InventoryPreferencesSchema,
  }),
  /** Favourite and recent hosts (recents are recorded by the core when a session starts). */
  shortcuts: invoke({ request: z.undefined(), response: InstanceShortcutsSchema }),
  setFavorite: invoke({ request: z.object({ host: HostRefSchema, favorite: z.boolean() }), response: InstanceShortcutsSchema }),
  onDidChange: event(InventorySnapshotSchema),
  onDidLoadTarget: event(InventoryTargetLoadedSchema),
  onDidChangeShortcuts: event(InstanceShortcutsSchema),
});
