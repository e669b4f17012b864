// The composition root with Electron mocked: the single-instance lock, the privileged scheme, and
// a window with hardened preferences loading app://.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs: string[] = [];
afterEach(() => {
  vi.resetModules();
  vi.doUnmock('electron');
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function electronMock(lock: boolean) {
  const userData = mkdtempSync(join(tmpdir(), 'fumidai-electron-'));
  dirs.push(userData);
  const appEvents = new Map<string, (...a: unknown[]) => void>();
  const windows: Array<{ options: { webPreferences: Record<string, unknown> }; url?: string }> = [];
  class BrowserWindow {
    webContents = { id: 1, send: vi.fn() };
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      windows.push(this as never);
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      (this as unknown as { url: string }).url = url;
    }
    static getAllWindows() {
      return windows;
    }
  }
  const mock = {
    app: {
      requestSingleInstanceLock: vi.fn(() => lock),
      exit: vi.fn(),
      setAppUserModelId: vi.fn(),
      whenReady: vi.fn(async () => {}),
      getPath: vi.fn(() => userData),
      getVersion: () => '9.9.9',
      getLocale: () => 'ja',
      on: vi.fn((e: string, h: (...a: unknown[]) => void) => appEvents.set(e, h)),
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn() },
  };
  return { mock, windows, appEvents };
}

describe('electron main', () => {
  it('exits when another instance holds the lock, before doing anything else', async () => {
    const { mock } = electronMock(false);
    vi.doMock('electron', () => mock);
    await import('./index');
    expect(mock.app.exit).toHaveBeenCalledWith(0);
    expect(mock.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(mock.app.whenReady).not.toHaveBeenCalled();
  });

  it('registers app:// as privileged, wires IPC, guards and one hardened window', async () => {
    const { mock, windows, appEvents } = electronMock(true);
    vi.doMock('electron', () => mock);
    await import('./index');
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    expect(mock.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(mock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(mock.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(mock.ipcMain.handle.mock.calls.map((c) => c[0])).toContain('settings:update');
    expect(windows[0]!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    await vi.waitFor(() => expect((windows[0] as { url?: string }).url).toBe('app://fumidai/index.html'));
    expect([...appEvents.keys()]).toEqual(expect.arrayContaining(['web-contents-created', 'second-instance', 'will-quit']));
  });
});
