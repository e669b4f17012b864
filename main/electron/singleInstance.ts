// One Fumidai per user. The first instance owns the lock; a later launch (a second click, a
// fumidai:// link) hands its argv to the first and exits, and the first comes to the front.
import type { App } from 'electron';

export type InstanceApp = Pick<App, 'requestSingleInstanceLock' | 'on'>;

/**
 * Returns false when another instance already runs: the caller must exit before doing anything
 * else (no protocol registration, no window). Otherwise `onSecondLaunch` gets each later launch's argv.
 */
export function claimSingleInstance(app: InstanceApp, onSecondLaunch: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => onSecondLaunch(argv));
  return true;
}
