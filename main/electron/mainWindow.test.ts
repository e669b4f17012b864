import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, MainWindows, mainWindowOptions } from './mainWindow';

vi.mock('electron', () => ({}));

let nextId = 1;
function fakeWindow(loadFails = false) {
  const winEvents = new Map<string, () => void>();
  const contentsEvents = new Map<string, () => void>();
  let destroyed = false;
  const win = {
    webContents: {
      id: nextId++,
      send: vi.fn(),
      isDestroyed: () => destroyed,
      once: vi.fn((e: string, h: () => void) => contentsEvents.set(e, h)),
    },
    isDestroyed: () => destroyed,
    isMinimized: vi.fn(() => true),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
    once: vi.fn((e: string, h: () => void) => winEvents.set(e, h)),
    loadURL: vi.fn(async () => {
      if (loadFails) throw new Error('ERR_FILE_NOT_FOUND');
    }),
  };
  const destroy = () => {
    destroyed = true;
    contentsEvents.get('destroyed')!();
  };
  return { win, winEvents, destroy };
}

function setup(loadFails = false) {
  const made: Array<ReturnType<typeof fakeWindow>> = [];
  const peers = { addPeer: vi.fn(), removePeer: vi.fn() };
  const logs: string[] = [];
  const windows = new MainWindows(
    () => {
      const w = fakeWindow(loadFails);
      made.push(w);
      return w.win as never;
    },
    peers,
    (m) => logs.push(m),
  );
  return { windows, made, peers, logs };
}

describe('mainWindowOptions', () => {
  it('uses the hardened preferences and shows only when ready', () => {
    const o = mainWindowOptions('/app/out/preload/index.cjs');
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false });
  });
});

describe('MainWindows', () => {
  it('loads app://, registers one peer per webContents and trusts only that webContents', () => {
    const { windows, made, peers } = setup();
    const win = windows.open();
    expect(windows.open()).toBe(win); // no second window while one lives
    expect(made).toHaveLength(1);
    expect(made[0]!.win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    const id = made[0]!.win.webContents.id;
    expect(windows.isOurs(id)).toBe(true);
    expect(windows.isOurs(id + 100)).toBe(false);
    const peer = peers.addPeer.mock.calls[0]![0] as { id: string; send(c: string, p: unknown): void };
    peer.send('settings:onDidChange', { a: 1 });
    expect(made[0]!.win.webContents.send).toHaveBeenCalledWith('settings:onDidChange', { a: 1 });
    made[0]!.winEvents.get('ready-to-show')!();
    expect(made[0]!.win.show).toHaveBeenCalled();
  });

  it('forgets the webContents and its peer when it is destroyed, and never sends to it again', () => {
    const { windows, made, peers } = setup();
    windows.open();
    const peer = peers.addPeer.mock.calls[0]![0] as { id: string; send(c: string, p: unknown): void };
    made[0]!.destroy();
    expect(peers.removePeer).toHaveBeenCalledWith(peer.id);
    expect(windows.isOurs(made[0]!.win.webContents.id)).toBe(false);
    peer.send('settings:onDidChange', {});
    expect(made[0]!.win.webContents.send).not.toHaveBeenCalled();
  });

  it('brings the window to the front on a second launch, re-creating it if it was closed', () => {
    const { windows, made } = setup();
    windows.open();
    windows.bringToFront();
    expect(made[0]!.win.restore).toHaveBeenCalled();
    expect(made[0]!.win.focus).toHaveBeenCalled();
    made[0]!.destroy();
    windows.bringToFront();
    expect(made).toHaveLength(2);
    expect(made[1]!.win.focus).toHaveBeenCalled();
  });

  it('says what to do when the renderer cannot be loaded', async () => {
    const { windows, logs } = setup(true);
    windows.open();
    await vi.waitFor(() => expect(logs.join()).toContain('npm run build'));
  });
});
