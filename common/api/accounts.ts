// The `accounts` domain: the AWS accounts and roles an SSO session may use, grouped by
// environment, with favourites and recents; opening the AWS console; exporting CLI profiles.
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';
import { SessionIdSchema } from './auth';
import { ENVIRONMENTS } from '../environments';

export const AccountIdSchema = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');
export const RoleNameSchema = z.string().min(1).max(128).regex(/^[\w+=,.@-]+$/);

export const AccountSummarySchema = z.object({
  accountId: AccountIdSchema,
  accountName: z.string(),
  emailAddress: z.string(),
  environment: z.enum(ENVIRONMENTS),
  /** Roles (permission sets) the user may assume; empty until loaded or when listing them failed. */
  roles: z.array(z.string()),
  favorite: z.boolean(),
  /** Last time the user used a role in this account from Fumidai, epoch ms. */
  lastUsedAt: z.number().optional(),
  /** Why this account's roles could not be listed (e.g. AccessDenied), if so. */
  error: z.string().optional(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

export const AccountsSnapshotSchema = z.object({
  sessionId: SessionIdSchema,
  accounts: z.array(AccountSummarySchema),
  /** When the list was fetched from AWS (epoch ms); a cached list shows its age. */
  fetchedAt: z.number().optional(),
  loading: z.boolean(),
  /** Progress while loading: roles listed for `done` of `total` accounts. */
  progress: z.object({ done: z.number(), total: z.number() }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type AccountsSnapshot = z.infer<typeof AccountsSnapshotSchema>;

const AccountRoleSchema = z.object({ sessionId: SessionIdSchema, accountId: AccountIdSchema, roleName: RoleNameSchema });

export const accountsDomain = defineDomain('accounts', {
  /** Returns what is known now (cache first) and starts a refresh when asked or when stale. */
  list: invoke({ request: z.object({ sessionId: SessionIdSchema, refresh: z.boolean().optional() }), response: AccountsSnapshotSchema }),
  setFavorite: invoke({ request: z.object({ accountId: AccountIdSchema, favorite: z.boolean() }), response: z.object({ favorites: z.array(AccountIdSchema) }) }),
  openConsole: invoke({ request: AccountRoleSchema, response: z.object({ opened: z.literal(true) }) }),
  exportProfiles: invoke({
    request: z.object({ sessionId: SessionIdSchema, only: z.array(z.object({ accountId: AccountIdSchema, roleName: RoleNameSchema })).max(5000).optional() }),
    response: z.object({ path: z.string(), profiles: z.number(), backupPath: z.string().optional() }),
  }),
  onDidChange: event(AccountsSnapshotSchema),
});
