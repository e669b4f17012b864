// The login-item adapter with Electron's app mocked per OS: what it registers, what it reads back,
// and what it refuses (an unpackaged app, an OS without login items).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoginItemSettings, LoginItemSettingsOptions, Settings } from 'electron';
import { LaunchAtLoginService } from '../desktop/launchAtLoginService';
import { electronLoginItems, linuxExecutable, wasLaunchedAtLogin, type LoginItemsApp, type LoginItemsHost } from './loginItems';

vi.mock('electron', () => ({}));

const APP_ID = 'dev.fumidai.app';
const WIN_EXE = 'C:\\Users\\Taro Yamada\\AppData\\Local\\Programs\\fumidai\\Fumidai.exe';

/** Electron's Windows behaviour: a Run value compared as a whole command line, StartupApproved per item. */
function windowsApp() {
  const registry = { run: undefined as string | undefined, approved: true };
  const commandLine = (o: { path?: string; args?: string[] }) => [o.path ?? WIN_EXE, ...(o.args ?? [])].join(' ');
  const app = {
    isPackaged: true,
    // macOS only: on Windows it has no say.
    isInApplicationsFolder: () => false,
    getLoginItemSettings: vi.fn((o: LoginItemSettingsOptions = {}) => ({
      openAtLogin: registry.run !== undefined && registry.run === commandLine(o),
      executableWillLaunchAtLogin: registry.run !== undefined && registry.approved,
      launchItems: registry.run === undefined ? [] : [{ name: APP_ID, path: WIN_EXE, args: [], scope: 'user', enabled: registry.approved }],
      wasOpenedAtLogin: false,
      status: 'not-registered',
    }) as unknown as LoginItemSettings),
    setLoginItemSettings: vi.fn((s: Settings) => {
      if (s.openAtLogin) {
        registry.run = commandLine(s);
        if (s.enabled !== false) registry.approved = true;
      } else {
        registry.run = undefined;
        registry.approved = true;
      }
    }),
  };
  return { app, registry };
}

/** Electron's macOS 13+ behaviour: SMAppService's status, which may wait for the user's approval. */
function macApp(approvalRequired = false) {
  const state = { status: 'not-registered' as LoginItemSettings['status'], openedAtLogin: false };
  const app = {
    isPackaged: true,
    isInApplicationsFolder: vi.fn(() => true),
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: state.status === 'enabled', status: state.status, wasOpenedAtLogin: state.openedAtLogin }) as unknown as LoginItemSettings),
    setLoginItemSettings: vi.fn((s: Settings) => {
      state.status = s.openAtLogin ? (approvalRequired ? 'requires-approval' : 'enabled') : 'not-registered';
    }),
  };
  return { app, state };
}

const host = (platform: NodeJS.Platform, extra: Partial<LoginItemsHost> = {}): LoginItemsHost => ({ platform, env: {}, execPath: '/opt/Fumidai/fumidai', appUserModelId: APP_ID, ...extra });

describe('electronLoginItems', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('macOS: registers the app as a login item with no deprecated openAsHidden, and reads it back', async () => {
    const { app } = macApp();
    const service = new LaunchAtLoginService(electronLoginItems(app, host('darwin')));
    expect(await service.get()).toEqual({ supported: true, enabled: false });
    expect(await service.set(true)).toEqual({ supported: true, enabled: true });
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true });
    expect(await service.set(false)).toEqual({ supported: true, enabled: false });
  });

  it('macOS 13+: a login item waiting for approval in System Settings is on, with the step left', async () => {
    const { app } = macApp(true);
    const service = new LaunchAtLoginService(electronLoginItems(app, host('darwin')));
    expect(await service.set(true)).toEqual({ supported: true, enabled: true, needsApproval: true });
    expect(await service.get()).toEqual({ supported: true, enabled: true, needsApproval: true });
  });

  it('macOS: a copy outside the Applications folder (the disk image, a translocated download) is not offered, with the reason', async () => {
    const { app } = macApp();
    app.isInApplicationsFolder.mockReturnValue(false);
    const service = new LaunchAtLoginService(electronLoginItems(app, host('darwin')));
    expect(await service.get()).toEqual({ supported: false, enabled: false, reason: 'not-in-applications' });
    await expect(service.set(true)).rejects.toMatchObject({ code: 'NotSupported', message: expect.stringContaining('Applications folder') });
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('macOS: a login start is recognised from the OS (a login item carries no arguments there)', () => {
    const { app, state } = macApp();
    expect(wasLaunchedAtLogin(app, ['/Applications/Fumidai.app/Contents/MacOS/Fumidai'], 'darwin')).toBe(false);
    state.openedAtLogin = true;
    expect(wasLaunchedAtLogin(app, ['/Applications/Fumidai.app/Contents/MacOS/Fumidai'], 'darwin')).toBe(true);
  });

  it('Windows: writes the quoted path with --hidden and reads it back with the same path and args', async () => {
    const { app, registry } = windowsApp();
    const service = new LaunchAtLoginService(electronLoginItems(app, host('win32', { execPath: WIN_EXE })));
    expect(await service.get()).toEqual({ supported: true, enabled: false });
    expect(await service.set(true)).toEqual({ supported: true, enabled: true });
    expect(registry.run).toBe(`"${WIN_EXE}" --hidden`);
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true, path: `"${WIN_EXE}"`, args: ['--hidden'], enabled: true });
    for (const [options] of app.getLoginItemSettings.mock.calls) expect(options).toEqual({ path: `"${WIN_EXE}"`, args: ['--hidden'] });
    expect(await service.set(false)).toEqual({ supported: true, enabled: false });
    expect(registry.run).toBeUndefined();
    expect(wasLaunchedAtLogin(app, [WIN_EXE, '--hidden'], 'win32')).toBe(true);
    expect(wasLaunchedAtLogin(app, [WIN_EXE], 'win32')).toBe(false);
  });

  it('Windows: disabled in Task Manager reads as off, and turning it on here clears that', async () => {
    const { app, registry } = windowsApp();
    const service = new LaunchAtLoginService(electronLoginItems(app, host('win32', { execPath: WIN_EXE })));
    await service.set(true);
    registry.approved = false; // Task Manager › Startup apps › Disable
    expect(await service.get()).toEqual({ supported: true, enabled: false });
    expect(await service.set(true)).toEqual({ supported: true, enabled: true });
    expect(registry.approved).toBe(true);
  });

  it('Windows: an entry written without --hidden (by another version) is not ours: off until turned on again', async () => {
    const { app, registry } = windowsApp();
    registry.run = `"${WIN_EXE}"`;
    const service = new LaunchAtLoginService(electronLoginItems(app, host('win32', { execPath: WIN_EXE })));
    expect(await service.get()).toMatchObject({ enabled: false });
  });

  it('Linux AppImage: the entry starts the .AppImage file, not the temporary mount it runs from', async () => {
    const xdg = await mkdtemp(join(tmpdir(), 'fumidai-xdg-'));
    dirs.push(xdg);
    const env = { APPIMAGE: '/home/u/Apps/Fumidai-1.2.0.AppImage', APPDIR: '/tmp/.mount_FumidaXyZ12' };
    const app = { isPackaged: true } as LoginItemsApp;
    const port = electronLoginItems(app, host('linux', { env, execPath: '/tmp/.mount_FumidaXyZ12/fumidai', autostartDir: join(xdg, 'autostart') }));
    expect(await new LaunchAtLoginService(port).set(true)).toEqual({ supported: true, enabled: true });
    expect(await readFile(join(xdg, 'autostart', 'fumidai.desktop'), 'utf8')).toContain('\nExec=/home/u/Apps/Fumidai-1.2.0.AppImage --hidden\n');
  });

  it('Linux deb: the entry starts the installed binary, even when started from inside another AppImage', async () => {
    const xdg = await mkdtemp(join(tmpdir(), 'fumidai-xdg-'));
    dirs.push(xdg);
    const inherited = { APPIMAGE: '/home/u/Apps/SomeTerminal.AppImage', APPDIR: '/tmp/.mount_SomeTeAbC' };
    const port = electronLoginItems({ isPackaged: true } as LoginItemsApp, host('linux', { env: inherited, autostartDir: join(xdg, 'autostart') }));
    await new LaunchAtLoginService(port).set(true);
    expect(await readFile(join(xdg, 'autostart', 'fumidai.desktop'), 'utf8')).toContain('\nExec=/opt/Fumidai/fumidai --hidden\n');
    expect(linuxExecutable({}, '/opt/Fumidai/fumidai')).toBe('/opt/Fumidai/fumidai');
    expect(linuxExecutable({ APPIMAGE: 'relative.AppImage', APPDIR: '/tmp/.mount_x' }, '/tmp/.mount_x/fumidai')).toBe('/tmp/.mount_x/fumidai');
    expect(wasLaunchedAtLogin({ getLoginItemSettings: () => { throw new Error('not on Linux'); } }, ['/opt/Fumidai/fumidai', '--hidden'], 'linux')).toBe(true);
  });

  it('unpackaged (`electron .`): not supported, with the reason, and Electron is never asked', async () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const app = { isPackaged: false, getLoginItemSettings: vi.fn(), setLoginItemSettings: vi.fn() };
      const service = new LaunchAtLoginService(electronLoginItems(app as unknown as LoginItemsApp, host(platform)));
      expect(await service.get()).toEqual({ supported: false, enabled: false, reason: 'unpackaged' });
      await expect(service.set(true)).rejects.toMatchObject({ code: 'NotSupported', message: expect.stringContaining('source checkout') });
      expect(app.setLoginItemSettings).not.toHaveBeenCalled();
      expect(app.getLoginItemSettings).not.toHaveBeenCalled();
    }
  });

  it('another OS: not supported, with the reason', async () => {
    const service = new LaunchAtLoginService(electronLoginItems({ isPackaged: true } as LoginItemsApp, host('freebsd')));
    expect(await service.get()).toEqual({ supported: false, enabled: false, reason: 'platform' });
  });
});
