import { describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../common/api/updates';
import { FumidaiError } from '../../common/api/errors';
import { DEFAULT_UPDATE_FEED_URL } from '../../common/updates/feed';
import { UPDATE_CHECK_INTERVAL_MS, UPDATE_RETRY_MS, UpdateService, type CheckCallbacks, type UpdaterPort } from './updateService';

type Outcome = string | null | Error | ((cb: CheckCallbacks) => Promise<string | null>);

function world(outcomes: Outcome[], opts: { live?: number; automatic?: boolean; feedUrl?: string; unavailable?: UpdaterPort['unavailable'] extends () => infer R ? R : never; noUpdater?: boolean } = {}) {
  let now = 1_000_000;
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const settings = { automatic: opts.automatic ?? true, feedUrl: opts.feedUrl ?? '' };
  let live = opts.live ?? 0;
  const updater = {
    unavailable: vi.fn(() => opts.unavailable),
    setFeedUrl: vi.fn(),
    checkAndDownload: vi.fn(async (cb: CheckCallbacks) => {
      const next = outcomes.shift() ?? null;
      if (next instanceof Error) throw next;
      if (typeof next === 'function') return next(cb);
      if (next) cb.onAvailable(next);
      return next;
    }),
    quitAndInstall: vi.fn(),
  };
  const log = vi.fn();
  const service = new UpdateService({
    updater: opts.noUpdater ? undefined : updater,
    currentVersion: '1.0.0',
    settings: () => settings,
    liveSessions: () => live,
    log,
    now: () => now,
    schedule: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    },
  });
  const statuses: UpdateStatus[] = [];
  service.onDidChangeStatus((s) => statuses.push(s));
  const ready = vi.fn();
  service.onDidBecomeReady(ready);
  const pending = () => timers.filter((t) => !t.cancelled);
  return {
    service, updater, log, statuses, ready, settings, pending,
    setLive: (n: number) => (live = n),
    advance: (ms: number) => (now += ms),
    fire: () => {
      const t = pending().at(-1)!;
      t.cancelled = true;
      t.fn();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('UpdateService', () => {
  it('uses the installer feed unless Settings name a mirror', () => {
    const w = world([]);
    expect(w.updater.setFeedUrl).toHaveBeenCalledWith(DEFAULT_UPDATE_FEED_URL);
    expect(w.service.status()).toMatchObject({ feedUrl: DEFAULT_UPDATE_FEED_URL, feedSource: 'installer', state: 'idle', currentVersion: '1.0.0' });
    w.settings.feedUrl = 'https://mirror.example.com/fumidai';
    w.service.settingsChanged();
    expect(w.updater.setFeedUrl).toHaveBeenLastCalledWith('https://mirror.example.com/fumidai');
    expect(w.service.status()).toMatchObject({ feedSource: 'settings', feedUrl: 'https://mirror.example.com/fumidai' });
  });

  it('checks at start, then daily while current', async () => {
    const w = world([null, null]);
    w.service.start();
    await settle();
    expect(w.updater.checkAndDownload).toHaveBeenCalledTimes(1);
    expect(w.service.status()).toMatchObject({ state: 'up-to-date', lastCheckedAt: 1_000_000, nextCheckAt: 1_000_000 + UPDATE_CHECK_INTERVAL_MS });
    expect(w.pending().map((t) => t.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
    w.fire();
    await settle();
    expect(w.updater.checkAndDownload).toHaveBeenCalledTimes(2);
    expect(w.pending()).toHaveLength(1);
  });

  it('reports the download and announces a ready version once, then stops checking', async () => {
    let finish!: (v: string) => void;
    const w = world([
      (cb) => {
        cb.onAvailable('1.2.0');
        cb.onProgress(41.6);
        return new Promise((r) => (finish = r));
      },
    ]);
    w.service.start();
    await settle();
    expect(w.service.status()).toMatchObject({ state: 'downloading', version: '1.2.0', percent: 42 });
    finish('1.2.0');
    await settle();
    expect(w.service.status()).toMatchObject({ state: 'ready', version: '1.2.0' });
    expect(w.ready).toHaveBeenCalledExactlyOnceWith('1.2.0');
    expect(w.pending()).toHaveLength(0);
    w.service.checkNow();
    await settle();
    expect(w.updater.checkAndDownload).toHaveBeenCalledTimes(1);
    expect(w.statuses.map((s) => `${s.state}${s.percent ?? ''}`)).toEqual(['checking', 'downloading0', 'downloading42', 'ready']);
  });

  it('keeps a failure out of the way: logged, shown in the status, retried in an hour and then less often', async () => {
    const w = world([new Error('getaddrinfo ENOTFOUND downloads.fumidai.dev'), new Error('HTTP 503'), null]);
    w.service.start();
    await settle();
    expect(w.service.status()).toMatchObject({ state: 'failed', error: 'getaddrinfo ENOTFOUND downloads.fumidai.dev' });
    expect(w.log).toHaveBeenCalledWith(`updates: check against ${DEFAULT_UPDATE_FEED_URL} failed: getaddrinfo ENOTFOUND downloads.fumidai.dev`);
    expect(w.pending().map((t) => t.ms)).toEqual([UPDATE_RETRY_MS]);
    w.fire();
    await settle();
    expect(w.pending().map((t) => t.ms)).toEqual([2 * UPDATE_RETRY_MS]);
    w.fire();
    await settle();
    expect(w.service.status().state).toBe('up-to-date');
    expect(w.service.status().error).toBeUndefined();
    expect(w.pending().map((t) => t.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
  });

  it('runs one check at a time', async () => {
    let finish!: (v: null) => void;
    const w = world([() => new Promise((r) => (finish = r))]);
    w.service.start();
    w.service.checkNow();
    w.service.checkNow();
    finish(null);
    await settle();
    expect(w.updater.checkAndDownload).toHaveBeenCalledTimes(1);
  });

  it('never restarts while a session is live, and says how to get the update', async () => {
    const w = world(['1.2.0'], { live: 2 });
    expect(() => w.service.install()).toThrow(/No update has been downloaded/);
    w.service.start();
    await settle();
    let error: unknown;
    try {
      w.service.install();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FumidaiError);
    expect(error).toMatchObject({ code: 'Conflict', details: { liveSessions: 2 } });
    expect((error as Error).message).toBe('Fumidai did not restart: 2 sessions are open and a restart would cut them. Close them first, or quit Fumidai later — version 1.2.0 installs then.');
    expect(w.updater.quitAndInstall).not.toHaveBeenCalled();
    w.setLive(0);
    w.service.sessionsChanged();
    expect(w.statuses.at(-1)?.liveSessions).toBe(0);
    // A change that leaves the count as it was (a forward's traffic) publishes nothing.
    const published = w.statuses.length;
    w.service.sessionsChanged();
    expect(w.statuses.length).toBe(published);
    expect(w.service.install()).toEqual({ restarting: true });
    expect(w.updater.quitAndInstall).toHaveBeenCalledOnce();
  });

  it('with automatic checks off, checks only when asked', async () => {
    const w = world([null, null], { automatic: false });
    w.service.start();
    await settle();
    expect(w.updater.checkAndDownload).not.toHaveBeenCalled();
    w.service.checkNow();
    await settle();
    expect(w.updater.checkAndDownload).toHaveBeenCalledTimes(1);
    expect(w.pending()).toHaveLength(0);
    w.settings.automatic = true;
    w.service.settingsChanged();
    await settle();
    expect(w.updater.checkAndDownload).toHaveBeenCalledTimes(2);
    w.settings.automatic = false;
    w.service.settingsChanged();
    expect(w.pending()).toHaveLength(0);
  });

  it('checks a new feed at once', async () => {
    const w = world([null, null]);
    w.service.start();
    await settle();
    w.settings.feedUrl = 'https://mirror.example.com/fumidai';
    w.service.settingsChanged();
    await settle();
    expect(w.updater.checkAndDownload).toHaveBeenCalledTimes(2);
    expect(w.log).toHaveBeenCalledWith('updates: feed is now https://mirror.example.com/fumidai');
  });

  it('says why updates are off in a development build or browser mode, and never touches the updater', async () => {
    const dev = world([], { unavailable: 'development' });
    dev.service.start();
    await settle();
    expect(dev.updater.setFeedUrl).not.toHaveBeenCalled();
    expect(dev.updater.checkAndDownload).not.toHaveBeenCalled();
    expect(dev.service.status()).toMatchObject({ state: 'unavailable', unavailableReason: 'development' });
    expect(() => dev.service.checkNow()).toThrow(/development build/);
    const browser = world([], { noUpdater: true });
    expect(browser.service.status()).toMatchObject({ state: 'unavailable', unavailableReason: 'browser-mode' });
    expect(() => browser.service.install()).toThrow(/No update/);
  });
});
