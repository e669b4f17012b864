// The `alerts` domain: notifications (sign-in, expiry, sessions, keys, login activity), their
// history for the notification centre, the countdowns of every credential Fumidai holds, the tray
// model (which the window renders as the quick-connect palette), and team webhooks per
// environment. Notifications travel as data (a kind and parameters); each side words them in the
// user's language (common/alerts/notificationText.ts), so no text is baked in by main.
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';
import { ENVIRONMENTS } from '../environments';
import { QuickConnectTargetSchema, TrayModelSchema } from '../tray/trayModel';

export const NOTIFICATION_KINDS = [
  'signin-succeeded',
  'signin-failed',
  'sso-expiring',
  'sso-expired',
  'role-expiring',
  'role-expired',
  'session-started',
  'session-ended',
  'session-reconnecting',
  'key-loaded',
  'key-expiring',
  'key-expired',
  'key-wiped',
  'login-activity',
  'webhook-failed',
  'update-ready',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NotificationActionSchema = z.discriminatedUnion('type', [
  /** "Sign in again": starts a sign-in of this SSO session. */
  z.object({ type: z.literal('sign-in'), sessionId: z.string().min(1).max(200) }),
  /** Opens a page (e.g. the CloudTrail event) through the external-link allow-list. */
  z.object({ type: z.literal('open-url'), url: z.string().url().max(2048) }),
  /** Brings a terminal tab to the front. */
  z.object({ type: z.literal('focus-terminal'), terminalId: z.string().max(20) }),
  /** "Restart now": restarts into the downloaded update (refused while sessions are live). */
  z.object({ type: z.literal('install-update') }),
]);
export type NotificationAction = z.infer<typeof NotificationActionSchema>;

/** Parameters are what the wording needs: names, hosts, minutes. Never secrets. */
export const NotificationParamsSchema = z.record(z.string().max(40), z.union([z.string().max(2000), z.number()]));

export const NotificationSchema = z.object({
  id: z.string().regex(/^n[0-9]{1,12}$/),
  kind: z.enum(NOTIFICATION_KINDS),
  severity: z.enum(['info', 'warning', 'critical']),
  /** Epoch ms of the latest occurrence. */
  at: z.number(),
  params: NotificationParamsSchema,
  actions: z.array(NotificationActionSchema).max(3),
  /** How many times the same notification happened while it was current (deduplicated). */
  count: z.number().int().min(1),
  read: z.boolean(),
  /** False when the rate limit kept it out of the OS (it is still in the history). */
  shown: z.boolean(),
  /** The condition is over (e.g. a warning after a successful refresh or a new sign-in). */
  resolved: z.boolean(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const CredentialStatusSchema = z.object({
  id: z.string().max(400),
  kind: z.enum(['sso', 'role', 'ssh-key']),
  label: z.string().max(400),
  expiresAt: z.number(),
  subject: z.record(z.string(), z.string()).optional(),
});
export type CredentialStatus = z.infer<typeof CredentialStatusSchema>;

export const AlertsStatusSchema = z.object({
  credentials: z.array(CredentialStatusSchema),
  unread: z.number().int().min(0),
});
export type AlertsStatus = z.infer<typeof AlertsStatusSchema>;

export const WEBHOOK_FORMATS = ['slack', 'json'] as const;
export const EnvironmentSchema = z.enum(ENVIRONMENTS);

/** What the renderer may know about a webhook: never its URL (the URL is the secret). */
export const WebhookSummarySchema = z.object({
  environment: EnvironmentSchema,
  format: z.enum(WEBHOOK_FORMATS),
  /** The receiving host, so the user can tell which hook is set. */
  host: z.string().max(253),
  /** Where the URL is kept: sealed by the OS keychain, or in an owner-only file. */
  storage: z.enum(['keychain', 'file']),
});
export type WebhookSummary = z.infer<typeof WebhookSummarySchema>;

export const SetWebhookRequestSchema = z.object({
  environment: EnvironmentSchema,
  /** https:// (http:// only for this computer); omit to remove the hook. */
  url: z.string().max(2048).optional(),
  format: z.enum(WEBHOOK_FORMATS).default('slack'),
});

/**
 * Something the tray (or an OS notification) asks the window to do. Queued in the core until the
 * window takes it, so a click with the window closed still opens the tab once the window is up.
 */
export const WindowRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connect'), target: QuickConnectTargetSchema }),
  z.object({ type: z.literal('focus-terminal'), terminalId: z.string().max(20) }),
  z.object({ type: z.literal('show-notifications') }),
  /** Settings → Updates (e.g. a restart was refused because sessions are live: it says why). */
  z.object({ type: z.literal('show-updates') }),
]);
export type WindowRequest = z.infer<typeof WindowRequestSchema>;

export const alertsDomain = defineDomain('alerts', {
  /** The notification history, newest first. */
  history: invoke({ request: z.undefined(), response: z.array(NotificationSchema) }),
  markAllRead: invoke({ request: z.undefined(), response: z.object({ ok: z.literal(true) }) }),
  clear: invoke({ request: z.undefined(), response: z.object({ ok: z.literal(true) }) }),
  status: invoke({ request: z.undefined(), response: AlertsStatusSchema }),
  /** The tray's menu as data; the window shows it as the quick-connect palette. */
  trayModel: invoke({ request: z.undefined(), response: TrayModelSchema }),
  webhooks: invoke({ request: z.undefined(), response: z.array(WebhookSummarySchema) }),
  setWebhook: invoke({ request: SetWebhookRequestSchema, response: z.array(WebhookSummarySchema) }),
  /** Takes (and clears) what the tray or a notification asked the window to do. */
  takeRequests: invoke({ request: z.undefined(), response: z.array(WindowRequestSchema) }),
  /** Runs a notification's action in the core (sign in again, open the CloudTrail event). */
  runAction: invoke({ request: NotificationActionSchema, response: z.object({ ok: z.literal(true) }) }),
  /** There are requests waiting: call takeRequests. */
  onDidRequest: event(z.object({ pending: z.number().int().min(1) })),
  /** A new notification, or an existing one updated (count, read, resolved). */
  onDidNotify: event(NotificationSchema),
  onDidChangeStatus: event(AlertsStatusSchema),
  onDidChangeTray: event(TrayModelSchema),
});
