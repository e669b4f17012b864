// The tray adapter with Electron mocked: the template built from the model has the expected items
// and click actions, and the icon switches when a sign-in is about to expire and when it expired.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayModel } from '../../common/tray/trayModel';
import type { TrayAction } from '../../common/tray/trayMenu';
import { AppTray, trayIconPath, type TrayElectron } from './tray';

const NOW = Date.UTC(2026, 0, 5, 9);
const host = { instanceId: 'i-0aaaaaaaaaaaaaaaa', accountId: '111111111111', region: 'ap-northeast-1', name: 'web-1' };
const model = (patch: Partial<TrayModel> = {}): TrayModel => ({
  icon: 'ok',
  sessions: [{ id: 'acme', name: 'acme', state: 'signed-in', expiresAt: NOW + 3600_000 }],
  keys: [],
  terminals: [],
  favorites: [{ ssoSessionId: 'acme', host }],
  recents: [],
  ...patch,
});

function fakeElectron() {
  const images: string[] = [];
  const menus: MenuItemConstructorOptions[][] = [];
  const tray = { setImage: vi.fn(), setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
  const electron: TrayElectron = {
    Tray: vi.fn(function (this: unknown) {
      return tray;
    }) as unknown as TrayElectron['Tray'],
    Menu: { buildFromTemplate: vi.fn((t: MenuItemConstructorOptions[]) => (menus.push(t), { items: t }) as never) },
    nativeImage: {
      createFromPath: vi.fn((p: string) => {
        images.push(p);
        return { setTemplateImage: vi.fn(), path: p } as never;
      }),
    },
  };
  return { electron, tray, images, menus };
}

describe('AppTray', () => {
  it('builds the menu template from the model; clicks run the item actions', () => {
    const { electron, menus, tray } = fakeElectron();
    const run = vi.fn<(a: TrayAction) => void>();
    new AppTray({ electron, iconDir: '/res/tray', platform: 'linux', locale: () => 'en', run, now: () => NOW }, model());
    const template = menus.at(-1)!;
    expect(template.map((i) => i.type === 'separator' ? '---' : i.label)).toEqual(['Open Fumidai', '---', 'acme — 1:00:00 left', 'Sign out of acme', '---', 'Favourites', 'web-1', '---', 'Quit Fumidai']);
    expect(template.find((i) => i.label === 'acme — 1:00:00 left')).toMatchObject({ enabled: false });
    const click = (label: string) => (template.find((i) => i.label === label)!.click as () => void)();
    click('web-1');
    click('Sign out of acme');
    click('Open Fumidai');
    click('Quit Fumidai');
    expect(run.mock.calls.map((c) => c[0])).toEqual([{ type: 'connect', target: { ssoSessionId: 'acme', host } }, { type: 'sign-out', sessionId: 'acme' }, { type: 'open' }, { type: 'quit' }]);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
    expect(tray.setToolTip).toHaveBeenCalledWith('Fumidai');
  });

  it('switches the icon when the sign-in is expiring and when it expired, and only then', () => {
    const { electron, images, tray } = fakeElectron();
    const t = new AppTray({ electron, iconDir: '/res/tray', platform: 'darwin', locale: () => 'en', run: () => {}, now: () => NOW }, model());
    expect(images).toEqual(['/res/tray/trayTemplate.png']);
    t.update(model({ icon: 'ok', keys: [] }));
    expect(tray.setImage).not.toHaveBeenCalled();
    t.update(model({ icon: 'expiring' }));
    t.update(model({ icon: 'expired' }));
    expect(images.slice(1)).toEqual(['/res/tray/trayExpiringTemplate.png', '/res/tray/trayExpiredTemplate.png']);
    expect(tray.setImage).toHaveBeenCalledTimes(2);
    expect(t.iconState).toBe('expired');
  });

  it('rebuilds the menu in the new language; Windows opens the window on a click of the icon', () => {
    const { electron, menus, tray } = fakeElectron();
    let locale: 'en' | 'ja' = 'en';
    const run = vi.fn();
    const t = new AppTray({ electron, iconDir: 'C:\\res\\tray', platform: 'win32', locale: () => locale, run, now: () => NOW }, model());
    locale = 'ja';
    t.update();
    expect(menus.at(-1)![0]!.label).toBe('Fumidai を開く');
    expect(tray.on).toHaveBeenCalledWith('click', expect.any(Function));
    (tray.on.mock.calls[0]![1] as () => void)();
    expect(run).toHaveBeenCalledWith({ type: 'open' });
  });

  it('picks the icon file each platform needs', () => {
    expect(trayIconPath('/r', 'ok', 'darwin')).toBe('/r/trayTemplate.png');
    expect(trayIconPath('/r', 'signed-out', 'linux')).toBe('/r/tray.png');
    expect(trayIconPath('/r', 'expiring', 'linux')).toBe('/r/trayExpiring.png');
    expect(trayIconPath('/r', 'expired', 'win32')).toMatch(/trayExpired\.ico$/);
  });
});

describe('tray icon files', () => {
  it('exist for every state on every platform (assets/tray ships as resources/tray)', async () => {
    const { existsSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const dir = fileURLToPath(new URL('../../assets/tray', import.meta.url));
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      for (const state of ['signed-out', 'ok', 'expiring', 'expired'] as const) expect(existsSync(trayIconPath(dir, state, platform)), `${state} on ${platform}`).toBe(true);
    }
  });
});
