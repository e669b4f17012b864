// Every webContents may only show the app itself (#13, #14): navigation elsewhere is blocked,
// new windows are never created (an allow-listed https link goes to the user's browser instead),
// and <webview> can never be attached (#12).
import type { WebContents } from 'electron';
import { isAppUrl } from './security';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function applyNavigationGuards(contents: GuardedContents, openExternal: (url: string) => void, log: (m: string) => void = () => {}): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`blocked navigation to ${safeForLog(url)}`);
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`blocked redirect to ${safeForLog(url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    // The allow-list decision is the AppService's (common/externalLinks.ts).
    if (/^https?:/i.test(url)) openExternal(url);
    return { action: 'deny' };
  });
}

function safeForLog(url: string): string {
  // Never log query strings: they may carry tokens.
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
