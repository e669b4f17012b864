// The Electron security posture in one place, as pure data and functions so unit tests can assert
// every rule. Numbers refer to Electron's security checklist (docs/tutorial/security.md).
import type { WebPreferences } from 'electron';

/** The app is served from this custom scheme, never file:// (#18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fumidai';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** One factory for every window's webPreferences (#2, #3, #4, #6, #8, #9, #10, #11). */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true, // #3
    sandbox: true, // #4
    nodeIntegration: false, // #2
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // #6
    allowRunningInsecureContent: false, // #8
    experimentalFeatures: false, // #9
    webviewTag: false, // #11, #12
    spellcheck: false,
    safeDialogs: true,
    navigateOnDragDrop: false,
  };
}

/**
 * Content-Security-Policy for app:// (#7). Scripts only from the app itself; inline styles are
 * allowed because React and xterm.js set style attributes and xterm injects theme <style>
 * elements — styles cannot run code. No network access from the renderer at all: every AWS call
 * happens in main.
 */
export function appContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** True only for our own app:// origin (the main frame's URL check for IPC and navigation). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Permissions the renderer may get (#5): writing to the clipboard (copy from a terminal) and notifications. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'notifications']);

export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}
