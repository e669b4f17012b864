// Keeping the installed app current without ever getting in the way: check the feed at start and
// once a day (sooner again after a failure — a laptop that starts offline should not wait a day),
// download in the background, announce a downloaded version once, and restart into it only when
// asked and only while no terminal or port forward is live (a restart would cut them). A version
// that is never installed by hand is installed by the updater when the app next quits.
import type { UpdateStatus, UpdateUnavailableReason } from '../../common/api/updates';
import { FumidaiError } from '../../common/api/errors';
import { Emitter, type Event } from '../../common/event';
import { DEFAULT_UPDATE_FEED_URL } from '../../common/updates/feed';

export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** After a failed check: retry in an hour, doubling up to the daily interval. */
export const UPDATE_RETRY_MS = 60 * 60 * 1000;

export interface CheckCallbacks {
  /** A newer version was found and its download starts. */
  onAvailable(version: string): void;
  onProgress(percent: number): void;
}

/** What the host's updater (electron-updater in the app) does for this service. */
export interface UpdaterPort {
  /** Why this installation cannot update itself; undefined when it can. */
  unavailable(): UpdateUnavailableReason | undefined;
  setFeedUrl(url: string): void;
  /** Checks the feed; when it offers a newer version, downloads it and resolves to that version. Null when current. */
  checkAndDownload(callbacks: CheckCallbacks): Promise<string | null>;
  quitAndInstall(): void;
}

export interface UpdateServiceDeps {
  /** The host's updater; none in browser mode. */
  updater: UpdaterPort | undefined;
  currentVersion: string;
  settings: () => { automatic: boolean; feedUrl: string };
  /** Terminals and port forwards a restart would cut. */
  liveSessions: () => number;
  log: (message: string) => void;
  now?: () => number;
  /** Timer seam for tests; returns a canceller. */
  schedule?: (fn: () => void, ms: number) => () => void;
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

export class UpdateService {
  private state: Omit<UpdateStatus, 'currentVersion' | 'feedUrl' | 'feedSource' | 'liveSessions' | 'nextCheckAt' | 'unavailableReason'> = { state: 'idle' };
  private nextCheckAt: number | undefined;
  private cancelTimer: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private feed: string;
  private started = false;
  private lastPublished = '';
  private lastLive: number | undefined;
  private readonly didChange = new Emitter<UpdateStatus>();
  readonly onDidChangeStatus: Event<UpdateStatus> = this.didChange.event;
  private readonly didBecomeReady = new Emitter<string>();
  /** A newer version finished downloading (fired once per version). */
  readonly onDidBecomeReady: Event<string> = this.didBecomeReady.event;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.schedule = deps.schedule ?? defaultSchedule;
    this.feed = this.effectiveFeed();
    if (this.available()) deps.updater!.setFeedUrl(this.feed);
  }

  status(): UpdateStatus {
    const reason = this.unavailableReason();
    const custom = this.deps.settings().feedUrl !== '';
    return {
      currentVersion: this.deps.currentVersion,
      ...(reason ? { state: 'unavailable' as const, unavailableReason: reason } : this.state),
      feedUrl: this.feed,
      feedSource: custom ? 'settings' : 'installer',
      ...(this.nextCheckAt !== undefined && !reason ? { nextCheckAt: this.nextCheckAt } : {}),
      liveSessions: this.deps.liveSessions(),
    };
  }

  /** Starts the automatic checks (when the setting allows): one now, then daily. */
  start(): void {
    this.started = true;
    if (this.available() && this.deps.settings().automatic) void this.check();
  }

  /** Settings changed: a new feed is used at once (and checked), automatic checks follow the switch. */
  settingsChanged(): void {
    const feed = this.effectiveFeed();
    const feedChanged = feed !== this.feed;
    this.feed = feed;
    if (!this.available()) return this.publish();
    if (feedChanged) {
      this.deps.updater!.setFeedUrl(feed);
      this.deps.log(`updates: feed is now ${feed}`);
    }
    if (!this.deps.settings().automatic) {
      this.unschedule();
      return this.publish();
    }
    if (this.started && (feedChanged || this.nextCheckAt === undefined)) void this.check();
    else this.publish();
  }

  /**
   * Terminals or forwards changed: the restart button follows. Called for every change (a
   * forward's traffic counters included), so only a different number of live sessions publishes.
   */
  sessionsChanged(): void {
    const live = this.deps.liveSessions();
    if (live === this.lastLive) return;
    this.lastLive = live;
    this.publish();
  }

  /** Checks now, whatever the schedule; progress and the outcome arrive as status events. */
  checkNow(): UpdateStatus {
    const reason = this.unavailableReason();
    if (reason) throw new FumidaiError('NotSupported', unavailableText(reason));
    void this.check();
    return this.status();
  }

  /** Restarts into the downloaded version, unless that would cut a live session. */
  install(): { restarting: true } {
    if (this.state.state !== 'ready' || !this.state.version) throw new FumidaiError('Conflict', 'No update has been downloaded yet.');
    const live = this.deps.liveSessions();
    if (live > 0) {
      throw new FumidaiError(
        'Conflict',
        `Fumidai did not restart: ${live} session${live === 1 ? ' is' : 's are'} open and a restart would cut ${live === 1 ? 'it' : 'them'}. Close ${live === 1 ? 'it' : 'them'} first, or quit Fumidai later — version ${this.state.version} installs then.`,
        { liveSessions: live },
      );
    }
    this.deps.log(`updates: restarting into ${this.state.version}`);
    this.deps.updater!.quitAndInstall();
    return { restarting: true };
  }

  dispose(): void {
    this.unschedule();
    this.didChange.dispose();
    this.didBecomeReady.dispose();
  }

  private check(): Promise<void> {
    // One check at a time; a downloaded version stays until the restart (nothing newer is fetched meanwhile).
    if (this.running) return this.running;
    if (this.state.state === 'ready') return Promise.resolve();
    this.unschedule();
    this.state = { ...this.lastChecked(), state: 'checking' };
    this.publish();
    const updater = this.deps.updater!;
    this.running = updater
      .checkAndDownload({
        onAvailable: (version) => {
          this.state = { ...this.lastChecked(), state: 'downloading', version, percent: 0 };
          this.publish();
        },
        onProgress: (percent) => {
          if (this.state.state !== 'downloading') return;
          this.state = { ...this.state, percent: Math.max(0, Math.min(100, Math.round(percent))) };
          this.publish();
        },
      })
      .then(
        (version) => {
          this.failures = 0;
          const at = this.now();
          if (version) {
            this.state = { state: 'ready', version, lastCheckedAt: at };
            this.deps.log(`updates: version ${version} is downloaded and installs at the next restart`);
            this.didBecomeReady.fire(version);
          } else {
            this.state = { state: 'up-to-date', lastCheckedAt: at };
            this.scheduleNext(UPDATE_CHECK_INTERVAL_MS);
          }
        },
        (e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          this.failures++;
          this.state = { state: 'failed', error: message.slice(0, 2000), lastCheckedAt: this.now() };
          this.deps.log(`updates: check against ${this.feed} failed: ${message}`);
          this.scheduleNext(Math.min(UPDATE_CHECK_INTERVAL_MS, UPDATE_RETRY_MS * 2 ** (this.failures - 1)));
        },
      )
      .finally(() => {
        this.running = undefined;
        this.publish();
      });
    return this.running;
  }

  private scheduleNext(ms: number): void {
    this.unschedule();
    if (!this.deps.settings().automatic) return;
    this.nextCheckAt = this.now() + ms;
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = undefined;
      this.nextCheckAt = undefined;
      void this.check();
    }, ms);
  }

  private unschedule(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.nextCheckAt = undefined;
  }

  private lastChecked() {
    return this.state.lastCheckedAt !== undefined ? { lastCheckedAt: this.state.lastCheckedAt } : {};
  }

  private effectiveFeed(): string {
    return this.deps.settings().feedUrl || DEFAULT_UPDATE_FEED_URL;
  }

  private unavailableReason(): UpdateUnavailableReason | undefined {
    return this.deps.updater ? this.deps.updater.unavailable() : 'browser-mode';
  }

  private available(): boolean {
    return this.unavailableReason() === undefined;
  }

  private publish(): void {
    const status = this.status();
    const text = JSON.stringify(status);
    if (text === this.lastPublished) return;
    this.lastPublished = text;
    this.didChange.fire(status);
  }
}

/** Why updates are off here, in English (the window words it itself). */
export function unavailableText(reason: UpdateUnavailableReason): string {
  switch (reason) {
    case 'development':
      return 'Updates are off in a development build; install Fumidai from a release to get them.';
    case 'browser-mode':
      return 'Updates are off in browser mode; the desktop app updates itself.';
    case 'not-installable':
      return 'This copy of Fumidai cannot update itself (it was not installed from an AppImage, deb, dmg or Windows installer); update it the way it was installed.';
  }
}
