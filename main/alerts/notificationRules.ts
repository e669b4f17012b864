// The rules between "something happened" and "the user is told": the same notification again
// while it is still current is merged into the first (a counter goes up, nothing new pops), and
// only a few notifications reach the OS per minute — the rest wait quietly in the notification
// centre. That is what keeps a laptop waking up from a long sleep from raising a pile of toasts.

export interface RulesOptions {
  /** A notification with the same key within this time is merged (default 10 minutes). */
  dedupeWindowMs?: number;
  /** At most this many OS notifications per window (default 3 per minute). */
  burst?: number;
  rateWindowMs?: number;
}

export type Verdict =
  /** A new notification; `show` says whether it may reach the OS. */
  | { kind: 'new'; show: boolean }
  /** The same as a current one: merge into it, show nothing new. */
  | { kind: 'merge'; into: string };

export class NotificationRules {
  private readonly recentByKey = new Map<string, { id: string; at: number }>();
  private shownAt: number[] = [];
  private readonly dedupeWindowMs: number;
  private readonly burst: number;
  private readonly rateWindowMs: number;

  constructor(options: RulesOptions = {}) {
    this.dedupeWindowMs = options.dedupeWindowMs ?? 10 * 60_000;
    this.burst = options.burst ?? 3;
    this.rateWindowMs = options.rateWindowMs ?? 60_000;
  }

  /**
   * Decides about a notification with this dedupe key at `now`; `id` is the id it gets if new.
   * Critical notifications ("Was this you?") always reach the OS, but count towards the limit.
   */
  decide(key: string, id: string, now: number, critical = false): Verdict {
    const prior = this.recentByKey.get(key);
    if (prior && now - prior.at < this.dedupeWindowMs && now >= prior.at) {
      prior.at = now;
      return { kind: 'merge', into: prior.id };
    }
    this.recentByKey.set(key, { id, at: now });
    this.prune(now);
    // A clock set back leaves timestamps "in the future"; they are forgotten rather than blocking.
    this.shownAt = this.shownAt.filter((t) => t <= now && now - t < this.rateWindowMs);
    const show = critical || this.shownAt.length < this.burst;
    if (show) this.shownAt.push(now);
    return { kind: 'new', show };
  }

  /** The condition behind a key is over (refreshed, signed in again): the next one is new. */
  forget(key: string): void {
    this.recentByKey.delete(key);
  }

  private prune(now: number): void {
    for (const [key, v] of this.recentByKey) if (now - v.at >= this.dedupeWindowMs) this.recentByKey.delete(key);
  }
}
