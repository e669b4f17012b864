// What browser mode tells the core about its host: links open in the OS default browser (the URL
// is one argv entry of xdg-open / open / rundll32, never a shell string — see openInBrowser.ts),
// and the UI language defaults to the OS locale of the machine running the host.
import type { HostPlatform } from '../app/appService';
import { openInBrowser } from '../platform/openInBrowser';

export function browserHostPlatform(env: NodeJS.ProcessEnv = process.env, open: (url: string) => Promise<void> = openInBrowser): HostPlatform {
  return { kind: 'browser', openExternal: open, osLocale: () => osLocaleFrom(env) };
}

/** `ja_JP.UTF-8` → `ja-JP`; falls back to what the JS runtime reports, then `en-US`. */
export function osLocaleFrom(env: NodeJS.ProcessEnv): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const raw = env[name];
    if (!raw || raw === 'C' || raw === 'POSIX' || raw.startsWith('C.')) continue;
    const tag = raw.split('.')[0]!.split('@')[0]!.replace('_', '-');
    if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return tag;
  }
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale || 'en-US';
  } catch {
    return 'en-US';
  }
}
