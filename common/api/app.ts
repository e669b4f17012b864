// The `app` domain: facts about the running app and the one sanctioned way to open a link
// outside it (through the allow-list in common/externalLinks.ts).
import { z } from 'zod';
import { defineDomain, invoke } from './contract';

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

export const appDomain = defineDomain('app', {
  getInfo: invoke({ request: z.undefined(), response: AppInfoSchema }),
  /** Opens a URL in the user's browser if the allow-list permits it; otherwise NotAllowed-style error. */
  openExternal: invoke({ request: OpenExternalRequestSchema, response: z.object({ opened: z.literal(true) }) }),
});
