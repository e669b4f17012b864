// One expiry clock for every credential Fumidai holds (SSO access tokens, role credentials, SSH
// keys in the vault, …). A source registers {id, kind, label, expiresAt, refresh?}; the clock
// emits "expiring" at each lead time (15 and 5 minutes before, by default) and "expired" at expiry.
//
// It is built to be wrong-footed by laptops: instead of trusting one long timer, every check
// recomputes each credential's *stage* from the wall clock, and a stage is announced at most once
// and only ever moves forward. A machine that sleeps through a lead time and the expiry wakes to a
// single "expired" (not a backlog of every missed event); a clock set back does not re-announce.
// Before announcing that something is about to expire, the clock tries the source's silent
// refresh: success moves the expiry and nothing is announced.
import { Emitter, type Disposer, type Event } from '../../common/event';

export type CredentialKind = 'sso' | 'role' | 'ssh-key';

export interface ExpiringCredential {
  /** Unique across sources, e.g. `sso:acme`, `role:acme/111111111111/Admin`, `key:<fingerprint>`. */
  id: string;
  kind: CredentialKind;
  /** What the user calls it (session name, account/role, key comment); shown as text. */
  label: string;
  /** Epoch ms. */
  expiresAt: number;
  /**
   * Silent refresh: resolves with the new expiry, or undefined when it could not refresh (the
   * clock then warns). Errors count as "could not refresh".
   */
  refresh?: () => Promise<number | undefined>;
  /** Extra data passed through to events (e.g. the SSO session id for "Sign in again"). */
  subject?: Record<string, string>;
}

export type ExpiryEvent =
  | { type: 'expiring'; credential: CredentialInfo; leadMs: number; remainingMs: number }
  | { type: 'expired'; credential: CredentialInfo }
  /** The expiry moved later after a warning (silent refresh or a new sign-in): the warning is void. */
  | { type: 'renewed'; credential: CredentialInfo };

export type CredentialInfo = Omit<ExpiringCredential, 'refresh'>;

export interface ExpiryClockOptions {
  /** Lead times in ms before expiry, any order (default 15 and 5 minutes). */
  leadTimesMs?: readonly number[];
  now?: () => number;
  /** Longest wait between checks, so a missed timer (sleep, clock change) is noticed soon. */
  maxIntervalMs?: number;
  log?: (message: string) => void;
}

export const DEFAULT_LEAD_TIMES_MS = [15 * 60_000, 5 * 60_000] as const;
const DEFAULT_MAX_INTERVAL_MS = 30_000;

/** Stage 0 = nothing due; 1..n = inside the i-th lead window (largest first); n+1 = expired. */
interface Entry {
  credential: ExpiringCredential;
  announced: number;
  refreshing?: Promise<void>;
  /** The expiry a refresh was last attempted for, so one expiry gets one refresh attempt per stage. */
  refreshTriedStage?: number;
}

export class ExpiryClock {
  private readonly entries = new Map<string, Entry>();
  private leads: number[];
  private readonly now: () => number;
  private readonly maxIntervalMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly didFire = new Emitter<ExpiryEvent>();
  readonly onDidFire: Event<ExpiryEvent> = this.didFire.event;
  private readonly didChange = new Emitter<CredentialInfo[]>();
  /** The set of credentials or one of their expiries changed (status bars, the tray). */
  readonly onDidChange: Event<CredentialInfo[]> = this.didChange.event;

  constructor(private readonly options: ExpiryClockOptions = {}) {
    this.leads = normaliseLeads(options.leadTimesMs ?? DEFAULT_LEAD_TIMES_MS);
    this.now = options.now ?? Date.now;
    this.maxIntervalMs = options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS;
  }

  /** Changes the lead times; stages already announced stay announced. */
  setLeadTimes(leadTimesMs: readonly number[]): void {
    this.leads = normaliseLeads(leadTimesMs);
    this.check();
  }

  /**
   * Adds a credential, or updates one with the same id. A later expiry (refreshed, signed in
   * again) starts its warnings afresh and voids a warning already given.
   */
  register(credential: ExpiringCredential): Disposer {
    const existing = this.entries.get(credential.id);
    if (existing) {
      const renewed = credential.expiresAt > existing.credential.expiresAt;
      existing.credential = credential;
      if (renewed) this.renew(existing);
    } else {
      // A credential that arrives already inside a window (e.g. a token found at start) is due now.
      this.entries.set(credential.id, { credential, announced: 0 });
    }
    this.didChange.fire(this.list());
    this.check();
    return () => this.unregister(credential.id);
  }

  unregister(id: string): void {
    if (!this.entries.delete(id)) return;
    this.didChange.fire(this.list());
  }

  /** Every registered credential, soonest expiry first. */
  list(): CredentialInfo[] {
    return [...this.entries.values()].map((e) => info(e.credential)).sort((a, b) => a.expiresAt - b.expiresAt);
  }

  /**
   * Evaluates every credential against the wall clock now. Called by the timer, and by hosts when
   * they learn the clock may have jumped (the OS resumed from sleep, the time zone changed).
   */
  check(): void {
    if (this.disposed) return;
    const now = this.now();
    for (const entry of this.entries.values()) this.evaluate(entry, now);
    this.schedule(now);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.didFire.dispose();
    this.didChange.dispose();
    this.entries.clear();
  }

  private stageAt(expiresAt: number, now: number): number {
    const left = expiresAt - now;
    if (left <= 0) return this.leads.length + 1;
    let stage = 0;
    this.leads.forEach((lead, i) => {
      if (left <= lead) stage = i + 1;
    });
    return stage;
  }

  private evaluate(entry: Entry, now: number): void {
    const stage = this.stageAt(entry.credential.expiresAt, now);
    if (stage <= entry.announced) return; // announced already, or the clock went back
    if (entry.refreshing) return;
    const expired = stage === this.leads.length + 1;
    if (!expired && entry.credential.refresh && entry.refreshTriedStage !== stage) {
      entry.refreshTriedStage = stage;
      entry.refreshing = this.tryRefresh(entry).finally(() => {
        entry.refreshing = undefined;
        // Whatever the outcome, the stage is recomputed with the (possibly new) expiry.
        if (this.entries.get(entry.credential.id) === entry) {
          this.evaluate(entry, this.now());
          this.schedule(this.now());
        }
      });
      return;
    }
    entry.announced = stage;
    const credential = info(entry.credential);
    if (expired) this.didFire.fire({ type: 'expired', credential });
    else this.didFire.fire({ type: 'expiring', credential, leadMs: this.leads[stage - 1]!, remainingMs: entry.credential.expiresAt - now });
  }

  private async tryRefresh(entry: Entry): Promise<void> {
    const before = entry.credential.expiresAt;
    let next: number | undefined;
    try {
      next = await entry.credential.refresh!();
    } catch (e) {
      this.options.log?.(`silent refresh of ${entry.credential.label} failed: ${(e as Error).message}`);
      return;
    }
    if (next !== undefined && next > before && this.entries.get(entry.credential.id) === entry) {
      entry.credential = { ...entry.credential, expiresAt: next };
      this.renew(entry);
      // Refreshed but still inside a window (a lead time longer than the credential's whole life):
      // the refresh is not tried again for that stage, so the warning follows instead of a loop.
      const stage = this.stageAt(next, this.now());
      if (stage > 0) entry.refreshTriedStage = stage;
      this.didChange.fire(this.list());
    }
  }

  private renew(entry: Entry): void {
    const hadWarned = entry.announced > 0;
    entry.announced = 0;
    entry.refreshTriedStage = undefined;
    if (hadWarned) this.didFire.fire({ type: 'renewed', credential: info(entry.credential) });
  }

  /** Sleeps until the next stage boundary, but never longer than maxIntervalMs. */
  private schedule(now: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || this.entries.size === 0) return;
    let wait = this.maxIntervalMs;
    for (const { credential, announced } of this.entries.values()) {
      for (const boundary of [...this.leads.map((l) => credential.expiresAt - l), credential.expiresAt]) {
        if (boundary > now && this.stageAt(credential.expiresAt, boundary) > announced) wait = Math.min(wait, boundary - now);
      }
    }
    this.timer = setTimeout(() => this.check(), Math.max(wait, 10));
    this.timer.unref?.();
  }
}

function normaliseLeads(leads: readonly number[]): number[] {
  for (const l of leads) if (!Number.isFinite(l) || l <= 0) throw new Error(`A lead time must be a positive number of milliseconds, not ${l}.`);
  return [...new Set(leads)].sort((a, b) => b - a);
}

function info(c: ExpiringCredential): CredentialInfo {
  const { refresh: _refresh, ...rest } = c;
  return { ...rest };
}
