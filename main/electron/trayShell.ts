// Wires the tray and OS notifications to the core: tray clicks and notification actions become
// core calls (sign in, sign out, open a link) or window requests (open a tab, focus one), creating
// the window when needed; the tray follows the core's tray model, the language setting, and the
// OS waking up (the expiry clock re-checks at once instead of at its next tick).
import type { NotificationAction } from '../../common/api/alerts';
import { presentNotification } from '../../common/alerts/desktopNotifier';
import { textLocaleOf, type TextLocale } from '../../common/alerts/notificationText';
import type { TrayAction } from '../../common/tray/trayMenu';
import type { Core } from '../composition';
import type { ElectronNotifier } from './notifications';
import { AppTray, type TrayElectron } from './tray';

export interface TrayShellDeps {
  core: Pick<Core, 'alerts' | 'auth' | 'settings' | 'updates'>;
  electron: TrayElectron;
  notifier: ElectronNotifier;
  iconDir: string;
  platform: NodeJS.Platform;
  osLocale: () => string;
  bringToFront: () => void;
  quit: () => void;
  powerMonitor?: { on(event: 'resume' | 'unlock-screen', listener: () => void): unknown };
  log: (m: string) => void;
}

export function startTrayShell(deps: TrayShellDeps): { tray: AppTray; dispose(): void } {
  const { core, log } = deps;
  const locale = (): TextLocale => {
    const language = core.settings.get().language;
    return textLocaleOf(language === 'system' ? deps.osLocale() : language);
  };
  const failed = (what: string) => (e: unknown) => log(`${what} failed: ${(e as Error).message}`);
  // Restart into the downloaded update; when that would cut live sessions, the window's Updates
  // section says so (a click with no visible answer would look broken).
  const installUpdate = () => {
    try {
      core.updates.install();
    } catch (e) {
      failed('restart to update')(e);
      deps.bringToFront();
      core.alerts.requests.push({ type: 'show-updates' });
    }
  };

  const run = (action: TrayAction) => {
    switch (action.type) {
      case 'open':
        return deps.bringToFront();
      case 'quit':
        return deps.quit();
      case 'sign-in':
        return void core.auth.signIn(action.sessionId).catch(failed('sign-in'));
      case 'sign-out':
        return void core.auth.signOut(action.sessionId).catch(failed('sign-out'));
      case 'connect':
        deps.bringToFront();
        return core.alerts.requests.push({ type: 'connect', target: action.target });
      case 'focus-terminal':
        deps.bringToFront();
        return core.alerts.requests.push({ type: 'focus-terminal', terminalId: action.terminalId });
      case 'install-update':
        return installUpdate();
    }
  };
  const tray = new AppTray({ electron: deps.electron, iconDir: deps.iconDir, platform: deps.platform, locale, run }, core.alerts.tray.get());

  const act = (action: NotificationAction | undefined) => {
    if (!action) {
      deps.bringToFront();
      return core.alerts.requests.push({ type: 'show-notifications' });
    }
    if (action.type === 'install-update') return installUpdate();
    if (action.type === 'focus-terminal') deps.bringToFront();
    void Promise.resolve(core.alerts.runAction(action, { peerId: 'os-notification' })).catch(failed('notification action'));
  };

  let language = core.settings.get().language;
  const offs = [
    core.alerts.tray.onDidChange((model) => tray.update(model)),
    core.alerts.service.onDidShow((n) => deps.notifier.show(presentNotification(n, locale()), act)),
    core.settings.onDidChange((s) => {
      if (s.language === language) return;
      language = s.language;
      tray.update();
    }),
  ];
  deps.powerMonitor?.on('resume', () => {
    core.alerts.clock.check();
    core.alerts.tray.update();
  });
  return {
    tray,
    dispose() {
      for (const off of offs) off();
      tray.dispose();
    },
  };
}

/**
 * Whether closing the last window quits: not while the tray keeps Fumidai running (the setting,
 * on by default), and never on macOS, where apps stay in the Dock.
 */
export function quitsWhenAllWindowsClosed(keepRunningInTray: boolean, hasTray: boolean, platform: NodeJS.Platform): boolean {
  if (platform === 'darwin') return false;
  return !(keepRunningInTray && hasTray);
}
