// The Electron security posture in one place, as pure data and functions so unit tests can assert
// every rule. Numbers refer to Electron's security checklist (docs/tutorial/security.md).
import type { Session, WebPreferences } from 'electron';
import { rendererContentSecurityPolicy } from '../platform/csp';

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
 * Content-Security-Policy for app:// (#7): no network access from the renderer at all beyond the
 * app itself; every AWS call happens in main.
 */
export function appContentSecurityPolicy(): string {
  return rendererContentSecurityPolicy();
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

/** A URL fit for the log: scheme, host and path only — a query or fragment may carry a code or token. */
export function urlForLog(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** #5: every permission request and check goes through isPermissionAllowed; everything else is denied. */
export function applyPermissionPolicy(ses: GuardedSession, log: (m: string) => void = () => {}): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed) log(`denied the ${permission} permission to ${urlForLog(details.requestingUrl)}`);
    callback(allowed);
  });
  // Checks carry an origin ("app://fumidai"), not a URL; give it a path so it parses the same way.
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, `${requestingOrigin}/`));
}
