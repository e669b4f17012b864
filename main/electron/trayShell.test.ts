// Tray clicks and OS notification actions reach the core (and the window), with Electron mocked.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { DEFAULT_SETTINGS, type Settings } from '../../common/api/settings';
import { Emitter } from '../../common/event';
import type { TrayModel } from '../../common/tray/trayModel';
import { AlertsService } from '../alerts/alertsService';
import { ExpiryClock } from '../alerts/expiryClock';
import { WindowRequests } from '../alerts/windowRequests';
import type { PresentedNotification } from '../../common/alerts/desktopNotifier';
import { quitsWhenAllWindowsClosed, startTrayShell, type TrayShellDeps } from './trayShell';

const host = { instanceId: 'i-0aaaaaaaaaaaaaaaa', accountId: '111111111111', region: 'ap-northeast-1', name: 'web-1' };
const model: TrayModel = { icon: 'ok', sessions: [{ id: 'acme', name: 'acme', state: 'signed-in', expiresAt: Date.now() + 3600_000 }], keys: [], terminals: [], favorites: [{ ssoSessionId: 'acme', host }], recents: [] };

function setup(trayModel: TrayModel = model, install: () => unknown = vi.fn()) {
  const menus: MenuItemConstructorOptions[][] = [];
  const tray = { setImage: vi.fn(), setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
  const clock = new ExpiryClock();
  const service = new AlertsService({ clock });
  const requests = new WindowRequests();
  const trayChanged = new Emitter<TrayModel>();
  const settingsChanged = new Emitter<Settings>();
  const runAction = vi.fn(async () => ({ ok: true as const }));
  const auth = { signIn: vi.fn(async () => ({})), signOut: vi.fn(async () => ({})) };
  const shown: PresentedNotification[] = [];
  let onAction: ((a: unknown) => void) | undefined;
  const deps: TrayShellDeps = {
    core: {
      alerts: { clock, service, requests, runAction, tray: { get: () => trayModel, onDidChange: trayChanged.event, update: vi.fn() } } as never,
      auth: auth as never,
      settings: { get: () => DEFAULT_SETTINGS, onDidChange: settingsChanged.event } as never,
      updates: { install } as never,
    },
    electron: {
      Tray: vi.fn(function () {
        return tray;
      }) as never,
      Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => (menus.push(t), {}) as never },
      nativeImage: { createFromPath: () => ({ setTemplateImage: () => {} }) as never },
    },
    notifier: {
      show: (n: PresentedNotification, act: (a: unknown) => void) => {
        shown.push(n);
        onAction = act;
      },
    } as never,
    iconDir: '/res/tray',
    platform: 'linux',
    osLocale: () => 'en-US',
    bringToFront: vi.fn(),
    quit: vi.fn(),
    log: () => {},
  };
  const shell = startTrayShell(deps);
  const click = (label: string) => (menus.at(-1)!.find((i) => i.label === label)!.click as () => void)();
  return { deps, shell, service, requests, runAction, auth, shown, click, act: (a: unknown) => onAction!(a), clock };
}

describe('tray shell', () => {
  it('"Restart to update" restarts into a downloaded version', () => {
    const install = vi.fn(() => ({ restarting: true }));
    const { click, requests } = setup({ ...model, update: { version: '1.2.0', canRestart: true } }, install);
    click('Restart to update to 1.2.0');
    expect(install).toHaveBeenCalledOnce();
    expect(requests.take()).toEqual([]);
  });

  it('a refused restart (sessions live) brings up the Updates section, which says why', () => {
    const install = vi.fn(() => {
      throw new Error('Fumidai did not restart: 1 session is open');
    });
    const { deps, act, requests, service } = setup(model, install);
    service.notify({ kind: 'update-ready', params: { version: '1.2.0' }, actions: [{ type: 'install-update' }] });
    act({ type: 'install-update' });
    expect(install).toHaveBeenCalledOnce();
    expect(deps.bringToFront).toHaveBeenCalled();
    expect(requests.take()).toEqual([{ type: 'show-updates' }]);
  });

  it('a favourite opens the window and asks it for a tab with that host', () => {
    const { deps, requests, click, clock } = setup();
    click('web-1');
    expect(deps.bringToFront).toHaveBeenCalled();
    expect(requests.take()).toEqual([{ type: 'connect', target: { ssoSessionId: 'acme', host } }]);
    click('Sign out of acme');
    expect(deps.core.auth.signOut).toHaveBeenCalledWith('acme');
    click('Quit Fumidai');
    expect(deps.quit).toHaveBeenCalled();
    clock.dispose();
  });

  it('notifications the rules let through reach the OS; "Sign in again" runs in the core', () => {
    const { service, shown, act, runAction, clock } = setup();
    service.notify({ kind: 'sso-expiring', key: 'expiring:sso:acme:300000', severity: 'warning', params: { name: 'acme', minutes: 5 }, actions: [{ type: 'sign-in', sessionId: 'acme' }] });
    expect(shown).toEqual([{ tag: 'fumidai-n1', title: 'Sign-in to acme expires in 5 min', body: 'Sign in again to keep your sessions and the inventory working.', urgent: false, actions: [{ label: 'Sign in again', action: { type: 'sign-in', sessionId: 'acme' } }] }]);
    act({ type: 'sign-in', sessionId: 'acme' });
    expect(runAction).toHaveBeenCalledWith({ type: 'sign-in', sessionId: 'acme' }, { peerId: 'os-notification' });
    service.notify({ kind: 'role-expired', quiet: true, params: { name: 'x' } });
    expect(shown).toHaveLength(1);
    clock.dispose();
  });

  it('a click on a notification without actions opens the notification centre', () => {
    const { deps, requests, act, clock, service } = setup();
    service.notify({ kind: 'session-ended', params: { host: 'web-1', account: 'acme', role: 'Dev' } });
    act(undefined);
    expect(deps.bringToFront).toHaveBeenCalled();
    expect(requests.take()).toEqual([{ type: 'show-notifications' }]);
    clock.dispose();
  });

  it('closing the last window keeps the app in the tray unless the setting says otherwise', () => {
    expect(quitsWhenAllWindowsClosed(true, true, 'linux')).toBe(false);
    expect(quitsWhenAllWindowsClosed(false, true, 'win32')).toBe(true);
    expect(quitsWhenAllWindowsClosed(true, false, 'linux')).toBe(true); // no tray area: nothing to live in
    expect(quitsWhenAllWindowsClosed(false, false, 'darwin')).toBe(false);
  });
});
