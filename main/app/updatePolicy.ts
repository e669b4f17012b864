// When to look for and apply an update, kept apart from electron-updater so it can be tested: check
// at start and once a day, remember a downloaded version so the UI can show a non-blocking notice,
// and never restart while a terminal session is live (that would cut the user's shells).
export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface UpdaterPort {
  /** Checks the feed and downloads a newer version; resolves to it once downloaded, or null. */
  checkAndDownload(): Promise<string | null>;
  quitAndInstall(): void;
}

export interface UpdatePolicyDeps {
  updater: UpdaterPort;
  liveSessionCount(): number;
  onReady(version: string): void;
  log(message: string): void;
  setInterval(fn: () => void, ms: number): () => void;
}

export type InstallOutcome = { installed: true } | { installed: false; reason: 'no-update' | 'sessions-live' };

export class UpdatePolicy {
  private ready: string | null = null;
  private checking = false;
  private stopTimer: (() => void) | undefined;

  constructor(private readonly deps: UpdatePolicyDeps) {}

  /** Checks now and then daily; an unreachable feed is logged, never thrown at the user. */
  start(): void {
    if (this.stopTimer) return;
    this.stopTimer = this.deps.setInterval(() => void this.check(), UPDATE_CHECK_INTERVAL_MS);
    void this.check();
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = undefined;
  }

  get readyVersion(): string | null {
    return this.ready;
  }

  async check(): Promise<void> {
    if (this.checking || this.ready) return;
    this.checking = true;
    try {
      const version = await this.deps.updater.checkAndDownload();
      if (version) {
        this.ready = version;
        this.deps.onReady(version);
      }
    } catch (err) {
      this.deps.log(`update check failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.checking = false;
    }
  }

  /** Restarts into the downloaded version only when no session would be cut. */
  install(): InstallOutcome {
    if (!this.ready) return { installed: false, reason: 'no-update' };
    if (this.deps.liveSessionCount() > 0) return { installed: false, reason: 'sessions-live' };
    this.deps.updater.quitAndInstall();
    return { installed: true };
  }
}
