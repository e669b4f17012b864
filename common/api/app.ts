// The `app` domain: facts about the running app and the one sanctioned way to open a link
// outside it (through the allow-list in common/externalLinks.ts).
import { z } from 'zod';
import { defineDomain, event, invoke } from './contract';

export const AppInfoSchema = z.object({
  name: z.literal('Fumidai'),
  version: z.string(),
  platform: z.enum(['darwin', 'linux', 'win32', 'other']),
  /** How the UI is hosted: a real Electron window, or browser mode over a loopback WebSocket. */
  host: z.enum(['electron', 'browser']),
  /** The OS locale, e.g. "ja-JP"; the UI picks its language from it unless Settings say otherwise. */
  osLocale: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const OpenExternalRequestSchema = z.object({ url: z.string().min(1).max(4096) });

/** A fumidai:// link that passed the parser (common/deepLinks.ts), as the window acts on it. */
export const DeepLinkRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('connect'), accountId: z.string().regex(/^\d{12}$/), instanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/), region: z.string().max(32).optional() }),
  z.object({ action: z.literal('login'), sessionId: z.string().min(1).max(200) }),
]);
export type DeepLinkRequest = z.infer<typeof DeepLinkRequestSchema>;

export const appDomain = defineDomain('app', {
  getInfo: invoke({ request: z.undefined(), response: AppInfoSchema }),
  /** Opens a URL in the user's browser if the allow-list permits it; otherwise NotAllowed-style error. */
  openExternal: invoke({ request: OpenExternalRequestSchema, response: z.object({ opened: z.literal(true) }) }),
  /** The latest deep link not yet shown, taken once (links can arrive before the window is up). */
  takeDeepLink: invoke({ request: z.undefined(), response: DeepLinkRequestSchema.nullable() }),
  /** A deep link arrived: call takeDeepLink to act on it. */
  onDidReceiveDeepLink: event(z.object({ action: z.enum(['connect', 'login']) })),
});
