// The electron-updater adapter with a stand-in AppUpdater (the real library against a real feed is
// exercised in test/integration/updates/electronUpdater.test.ts).
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { electronUpdaterPort, loadUpdaterPort, type UpdaterLike } from './updater';

function fakeUpdater(result: unknown, active = true) {
  const emitter = new EventEmitter();
  const fake = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    allowPrerelease: true,
    logger: null,
    setFeedURL: vi.fn(),
    isUpdaterActive: vi.fn(() => active),
    checkForUpdates: vi.fn(async () => result),
    quitAndInstall: vi.fn(),
  });
  return fake as typeof fake & UpdaterLike;
}

describe('electronUpdaterPort', () => {
  it('downloads automatically, installs on quit, and never goes backwards', () => {
    const u = fakeUpdater(null);
    electronUpdaterPort(u, () => {});
    expect(u).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false, allowPrerelease: false });
  });

  it('points the library at a generic feed', () => {
    const u = fakeUpdater(null);
    electronUpdaterPort(u, () => {}).setFeedUrl('https://mirror.example.com/fumidai');
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://mirror.example.com/fumidai' });
  });

  it('reports a downloaded version with its progress', async () => {
    let finish!: () => void;
    const u = fakeUpdater({ isUpdateAvailable: true, updateInfo: { version: '1.2.0' }, downloadPromise: new Promise<void>((r) => (finish = r)) });
    const onAvailable = vi.fn();
    const onProgress = vi.fn();
    const done = electronUpdaterPort(u, () => {}).checkAndDownload({ onAvailable, onProgress });
    await new Promise((r) => setTimeout(r, 0));
    expect(onAvailable).toHaveBeenCalledWith('1.2.0');
    u.emit('download-progress', { percent: 37.5 });
    finish();
    await expect(done).resolves.toBe('1.2.0');
    expect(onProgress).toHaveBeenCalledWith(37.5);
    expect(u.listenerCount('download-progress')).toBe(0);
  });

  it('is current when the feed offers nothing newer, or the library is off', async () => {
    const cb = { onAvailable: vi.fn(), onProgress: vi.fn() };
    await expect(electronUpdaterPort(fakeUpdater({ isUpdateAvailable: false, updateInfo: { version: '1.0.0' } }), () => {}).checkAndDownload(cb)).resolves.toBeNull();
    await expect(electronUpdaterPort(fakeUpdater(null), () => {}).checkAndDownload(cb)).resolves.toBeNull();
    expect(cb.onAvailable).not.toHaveBeenCalled();
  });

  it('passes a failed download on (checksum, network) and stops listening', async () => {
    const u = fakeUpdater({ isUpdateAvailable: true, updateInfo: { version: '1.2.0' }, downloadPromise: Promise.reject(new Error('sha512 checksum mismatch')) });
    await expect(electronUpdaterPort(u, () => {}).checkAndDownload({ onAvailable: () => {}, onProgress: () => {} })).rejects.toThrow('sha512 checksum mismatch');
    expect(u.listenerCount('download-progress')).toBe(0);
  });

  it('says when this installation cannot update itself, asking the library once', () => {
    const off = fakeUpdater(null, false);
    const port = electronUpdaterPort(off, () => {});
    expect(port.unavailable()).toBe('not-installable');
    expect(port.unavailable()).toBe('not-installable');
    expect(off.isUpdaterActive).toHaveBeenCalledTimes(1);
    expect(electronUpdaterPort(fakeUpdater(null, true), () => {}).unavailable()).toBeUndefined();
  });

  it('installs silently and starts the new version', () => {
    const u = fakeUpdater(null);
    electronUpdaterPort(u, () => {}).quitAndInstall();
    expect(u.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it("routes the library's log lines into ours", () => {
    const u = fakeUpdater(null);
    const log = vi.fn();
    electronUpdaterPort(u, log);
    (u.logger as unknown as { info(m: string): void }).info('Checking for update');
    expect(log).toHaveBeenCalledWith('updater: Checking for update');
  });
});

describe('loadUpdaterPort', () => {
  it('does not load electron-updater when run from a checkout', async () => {
    const load = vi.fn();
    const port = await loadUpdaterPort({ isPackaged: false }, () => {}, load);
    expect(load).not.toHaveBeenCalled();
    expect(port.unavailable()).toBe('development');
    await expect(port.checkAndDownload({ onAvailable: () => {}, onProgress: () => {} })).rejects.toThrow(/unavailable/);
  });

  it('uses the library in an installed app', async () => {
    const u = fakeUpdater(null);
    const port = await loadUpdaterPort({ isPackaged: true }, () => {}, async () => ({ autoUpdater: u }));
    expect(port.unavailable()).toBeUndefined();
    expect(u.autoDownload).toBe(true);
  });
});
