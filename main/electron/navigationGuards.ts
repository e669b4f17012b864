// Every webContents may only show the app itself (#13, #14): navigation elsewhere is blocked,
// new windows are never created (an allow-listed https link goes to the user's browser instead),
// and <webview> can never be attached (#12).
import type { WebContents } from 'electron';
import { isAppUrl, urlForLog } from './security';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function applyNavigationGuards(contents: GuardedContents, openExternal: (url: string) => void, log: (m: string) => void = () => {}): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`blocked navigation to ${urlForLog(url)}`);
  });
  // will-navigate covers only the main frame; sub-frames (which the CSP's frame-src 'none' already
  // forbids) are held to the same rule in case one ever exists.
  contents.on('will-frame-navigate', (details) => {
    if (details.isMainFrame || isAppUrl(details.url)) return;
    details.preventDefault();
    log(`blocked a frame navigating to ${urlForLog(details.url)}`);
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`blocked redirect to ${urlForLog(url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    // #14: never a new window. #15: a web link may go to the user's browser, but only through the
    // AppService, whose allow-list (common/externalLinks.ts) decides; other schemes are dropped.
    if (/^https?:/i.test(url)) openExternal(url);
    else log(`blocked a new window for ${urlForLog(url)}`);
    return { action: 'deny' };
  });
}
