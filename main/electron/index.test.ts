// The composition root with Electron mocked: the single-instance lock, the privileged scheme
// before ready, guards on every webContents, one hardened window on app://, second launches
// forwarded, and the core disposed before quitting.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dispatcher } from '../ipc/dispatcher';
import { AppService } from '../app/appService';
import { appDomain } from '../../common/api/app';
import type { CoreOptions } from '../composition';
import { DeepLinkRouter } from '../app/deepLinkRouter';

const dirs: string[] = [];
afterEach(() => {
  vi.resetModules();
  vi.doUnmock('electron');
  vi.doUnmock('../composition');
  vi.doUnmock('./trayShell');
  vi.restoreAllMocks();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

type Handler = (...a: unknown[]) => unknown;

function electronMock(lock: boolean) {
  const userData = mkdtempSync(join(tmpdir(), 'fumidai-electron-'));
  dirs.push(userData);
  const appEvents = new Map<string, Handler>();
  const powerEvents = new Map<string, Handler>();
  const calls: string[] = [];
  const windows: BrowserWindow[] = [];
  class BrowserWindow {
    webContents = { id: 41 + windows.length, send: vi.fn(), once: vi.fn(), isDestroyed: () => false };
    url?: string;
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
    }
    once() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus = vi.fn();
    maximize = vi.fn();
    closeHandler?: () => void;
    on(e: string, h: () => void) {
      if (e === 'close') this.closeHandler = h;
    }
    getNormalBounds() {
      return { x: 40, y: 50, width: 1000, height: 700 };
    }
    isMaximized() {
      return false;
    }
    async loadURL(url: string) {
      this.url = url;
    }
  }
  const mock = {
    app: {
      requestSingleInstanceLock: vi.fn(() => lock),
      exit: vi.fn(),
      setAppUserModelId: vi.fn(),
      setAsDefaultProtocolClient: vi.fn(),
      whenReady: vi.fn(async () => void calls.push('whenReady')),
      getPath: vi.fn(() => userData),
      getVersion: () => '9.9.9',
      getLocale: () => 'ja',
      on: vi.fn((e: string, h: Handler) => appEvents.set(e, h)),
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(() => void calls.push('registerSchemes')), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(async () => {}) },
    powerMonitor: { on: vi.fn((e: string, h: Handler) => powerEvents.set(e, h)) },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    safeStorage: { isAsyncEncryptionAvailable: vi.fn(async () => true), getSelectedStorageBackend: () => 'gnome_libsecret', encryptStringAsync: vi.fn(), decryptStringAsync: vi.fn() },
  };
  return { mock, windows, appEvents, powerEvents, calls };
}

// The core's own behaviour is tested elsewhere; here a small real one (dispatcher + AppService with
// its link allow-list) shows what the shell hands it and how it is wired.
function fakeCore(fails = false) {
  const made: { options?: CoreOptions; dispose: ReturnType<typeof vi.fn>; wipeAll: ReturnType<typeof vi.fn>; signIn: ReturnType<typeof vi.fn<(id: string) => Promise<void>>>; deepLinks?: DeepLinkRouter } = {
    dispose: vi.fn(async () => {}),
    wipeAll: vi.fn(() => 0),
    signIn: vi.fn(async (_id: string) => {}),
  };
  const createCore = async (options: CoreOptions) => {
    made.options = options;
    if (fails) throw new Error('settings.json is not valid JSON');
    const app = new AppService(options.host, options.version, () => []);
    const dispatcher = new Dispatcher();
    const deepLinks = new DeepLinkRouter({
      sessions: () => [{ id: 'acme', name: 'acme', startUrl: 'https://d-1.awsapps.com/start', region: 'us-east-1', source: 'sso-session', state: 'signed-out', canRefresh: false }],
      signIn: async (id) => void made.signIn(id),
      notify: (action) => dispatcher.emit(appDomain, 'onDidReceiveDeepLink', { action }),
      log: (m) => console.log(`[fumidai] ${m}`),
    });
    made.deepLinks = deepLinks;
    dispatcher.implement(appDomain, { getInfo: () => app.getInfo(), openExternal: ({ url }) => app.openExternal(url), takeDeepLink: () => deepLinks.take() });
    const settings = { get: () => ({ language: 'system', keepRunningInTray: false }), onDidChange: () => () => {} };
    return { dispatcher, app, dispose: made.dispose, keys: { wipeAll: made.wipeAll }, deepLinks, settings };
  };
  return { made, createCore };
}

async function boot(lock: boolean, coreFails = false, options: { tray?: boolean } = {}) {
  const m = electronMock(lock);
  const core = fakeCore(coreFails);
  // The tray itself is tested in trayShell.test.ts; here only whether one started matters.
  if (options.tray) Object.assign(m.mock, { Tray: class {}, nativeImage: {}, Notification: class {} });
  vi.doMock('electron', () => m.mock);
  vi.doMock('../composition', () => ({ createCore: core.createCore }));
  if (options.tray) vi.doMock('./trayShell', () => ({ startTrayShell: vi.fn(() => ({ dispose: vi.fn() })), quitsWhenAllWindowsClosed: () => false }));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  await import('./index');
  return { ...m, core: core.made };
}

describe('electron main', () => {
  it('exits when another instance holds the lock, before doing anything else', async () => {
    const { mock } = await boot(false);
    expect(mock.app.exit).toHaveBeenCalledWith(0);
    expect(mock.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(mock.app.whenReady).not.toHaveBeenCalled();
  });

  it('registers app:// as privileged before ready, wires IPC, guards and one hardened window', async () => {
    const { mock, windows, appEvents, calls, core } = await boot(true);
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    expect(core.options).toMatchObject({ configDir: mock.app.getPath(), version: '9.9.9' });
    // The OS keychain reaches the core (team webhook URLs are sealed with it); a checkout has no updater.
    expect(await core.options!.secrets!.available()).toBe(true);
    expect(core.options!.updater!.unavailable()).toBe('development');
    expect(core.options!.host).toMatchObject({ kind: 'electron' });
    expect(core.options!.host.osLocale()).toBe('ja');
    expect(calls.indexOf('registerSchemes')).toBeLessThan(calls.indexOf('whenReady'));
    expect(mock.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(mock.app.setAppUserModelId).toHaveBeenCalledWith('dev.fumidai.app');
    // Our own application menu replaces Electron's default, in the OS language (ja here).
    expect(mock.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(mock.Menu.buildFromTemplate.mock.calls[0]![0])).toContain('編集');
    expect(mock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(mock.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(mock.ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual(['app:getInfo', 'app:openExternal', 'app:takeDeepLink']);
    expect(windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    await vi.waitFor(() => expect(windows[0]!.url).toBe('app://fumidai/index.html'));
    expect([...appEvents.keys()]).toEqual(expect.arrayContaining(['web-contents-created', 'second-instance', 'open-url', 'will-quit']));
  });

  it('applies the navigation guards to every webContents, and sends web links only through the allow-list', async () => {
    const { mock, appEvents, windows } = await boot(true);
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    const on = vi.fn();
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    appEvents.get('web-contents-created')!({}, { on, setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h) });
    expect(on.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-attach-webview']));
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://docs.aws.amazon.com/systems-manager/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(mock.shell.openExternal).toHaveBeenCalledTimes(1));
    expect(mock.shell.openExternal).toHaveBeenCalledWith('https://docs.aws.amazon.com/systems-manager/');
  });

  it('focuses the window on a second launch and takes its fumidai:// link', async () => {
    const { appEvents, windows } = await boot(true);
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    appEvents.get('second-instance')!({}, ['/opt/Fumidai/fumidai', '--flag', 'fumidai://connect/i-1?code=SECRET'], '/');
    expect(windows).toHaveLength(1);
    expect(windows[0]!.focus).toHaveBeenCalled();
    const logged = vi.mocked(console.log).mock.calls.map((c) => String(c[0])).join('\n');
    expect(logged).toContain('received fumidai://connect/i-1');
    expect(logged).not.toContain('SECRET');
  });

  it('routes a launch link through the core once the window exists, and logs a rejected one with its reason', async () => {
    process.argv.push('fumidai://login?session=acme');
    try {
      const { windows, appEvents, core } = await boot(true);
      await vi.waitFor(() => expect(windows).toHaveLength(1));
      // The cold-start link waited in the queue for the core, then started the sign-in it names.
      await vi.waitFor(() => expect(core.signIn).toHaveBeenCalledWith('acme'));
      expect(core.deepLinks!.take()).toEqual({ action: 'login', sessionId: 'acme' });
      appEvents.get('second-instance')!({}, ['/opt/Fumidai/fumidai', 'fumidai://login?session=acme&session=acme'], '/');
      appEvents.get('open-url')!({ preventDefault: vi.fn() }, 'fumidai://connect?account=123456789012&instance=i-0abc1234def567890');
      const logged = vi.mocked(console.log).mock.calls.map((c) => String(c[0])).join('\n');
      expect(logged).toContain('deep link rejected: parameter "session" appears more than once');
      expect(core.signIn).toHaveBeenCalledTimes(1);
      expect(core.deepLinks!.take()).toEqual({ action: 'connect', accountId: '123456789012', instanceId: 'i-0abc1234def567890' });
    } finally {
      process.argv.pop();
    }
  });

  it('reopens the window where it was left, maximized if it was, and saves its place on close', async () => {
    const m = electronMock(true);
    writeFileSync(join(m.mock.app.getPath(), 'window-state.json'), JSON.stringify({ bounds: { x: 100, y: 80, width: 1100, height: 760 }, maximized: true }));
    const core = fakeCore();
    vi.doMock('electron', () => m.mock);
    vi.doMock('../composition', () => ({ createCore: core.createCore }));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await import('./index');
    await vi.waitFor(() => expect(m.windows).toHaveLength(1));
    const win = m.windows[0]! as unknown as { options: Record<string, unknown>; maximize: ReturnType<typeof vi.fn>; closeHandler: () => void };
    expect(win.options).toMatchObject({ x: 100, y: 80, width: 1100, height: 760 });
    expect(win.maximize).toHaveBeenCalled();
    win.closeHandler();
    await vi.waitFor(() => expect(JSON.parse(readFileSync(join(m.mock.app.getPath(), 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 40, y: 50, width: 1000, height: 700 }, maximized: false }));
  });

  it('opened at login (--hidden) with a tray: starts in the tray without a window; the tray or a second launch opens it', async () => {
    process.argv.push('--hidden');
    try {
      const { appEvents, windows } = await boot(true, false, { tray: true });
      await vi.waitFor(() => expect(vi.mocked(console.log).mock.calls.map((c) => String(c[0])).join('\n')).toContain('opened at login: waiting in the tray'));
      expect(windows).toHaveLength(0);
      appEvents.get('second-instance')!({}, ['/opt/Fumidai/fumidai'], '/');
      expect(windows).toHaveLength(1);
    } finally {
      process.argv.pop();
    }
  });

  it('opened at login (--hidden) without a tray: opens the window, never an app nobody can reach', async () => {
    process.argv.push('--hidden');
    try {
      const { windows } = await boot(true);
      await vi.waitFor(() => expect(windows).toHaveLength(1));
      expect(vi.mocked(console.log).mock.calls.map((c) => String(c[0])).join('\n')).toContain('no tray icon');
    } finally {
      process.argv.pop();
    }
  });

  it('a normal start with a tray opens the window, and the core gets the login items (unpackaged here: not offered)', async () => {
    const { windows, core } = await boot(true, false, { tray: true });
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    expect(core.options!.loginItems).toEqual({ supported: false, reason: 'unpackaged' });
  });

  it('disposes the core before quitting', async () => {
    const { mock, appEvents, windows, core } = await boot(true);
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    const event = { preventDefault: vi.fn() };
    appEvents.get('will-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(core.dispose).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(mock.app.exit).toHaveBeenCalledWith(0));
  });

  it('wipes the SSH keys when the screen locks', async () => {
    const { powerEvents, windows, core } = await boot(true);
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    expect(core.wipeAll).not.toHaveBeenCalled();
    powerEvents.get('lock-screen')!();
    expect(core.wipeAll).toHaveBeenCalledWith('lock');
  });

  it('exits with the reason when the core cannot start, instead of hanging without a window', async () => {
    const { mock, windows } = await boot(true, true);
    await vi.waitFor(() => expect(mock.app.exit).toHaveBeenCalledWith(1));
    expect(windows).toHaveLength(0);
    expect(vi.mocked(console.log).mock.calls.map((c) => String(c[0])).join('\n')).toContain('settings.json is not valid JSON');
  });
});
