// A concurrency limit that backs off when AWS throttles and creeps back up when it stops
// (additive increase, multiplicative decrease — the way TCP and the SDK's adaptive mode share a
// link). Many accounts and regions each have their own API rate limits, but the SSO portal and a
// throttled region are shared: halving the calls in flight is kinder than retrying them all.

export interface AdaptiveLimiterOptions {
  /** The limit to start with and never exceed. */
  max: number;
  min?: number;
  /** Successes in a row, at the current limit, before it grows by one. */
  growAfter?: number;
  /** One throttling episode halves the limit once, however many calls report it. */
  cooldownMs?: number;
  now?: () => number;
}

export class AdaptiveLimiter {
  private current: number;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private successes = 0;
  private lastDecrease = -Infinity;
  private readonly min: number;
  private readonly growAfter: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  /** How often the limit was lowered (for logs and tests). */
  throttleEvents = 0;

  constructor(private readonly options: AdaptiveLimiterOptions) {
    if (!(options.max >= 1)) throw new RangeError('max must be at least 1');
    this.current = Math.floor(options.max);
    this.min = Math.max(1, Math.min(options.min ?? 1, this.current));
    this.growAfter = options.growAfter ?? 4;
    this.cooldownMs = options.cooldownMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  get limit(): number {
    return this.current;
  }

  get active(): number {
    return this.inFlight;
  }

  /** Waits for a slot (first come, first served); call the returned function once when done. */
  async acquire(): Promise<() => void> {
    if (this.inFlight < this.current && this.waiting.length === 0) this.inFlight++;
    // The slot is reserved by wake() before this caller resumes, so no one can take it meanwhile.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.wake();
    };
  }

  /** Runs `fn` in a slot. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  throttled(): void {
    this.successes = 0;
    const t = this.now();
    if (t - this.lastDecrease < this.cooldownMs) return;
    this.lastDecrease = t;
    const next = Math.max(this.min, Math.floor(this.current / 2));
    if (next < this.current) this.throttleEvents++;
    this.current = next;
  }

  succeeded(): void {
    if (this.current >= this.options.max) return;
    if (++this.successes >= this.growAfter * this.current) {
      this.successes = 0;
      this.current++;
      this.wake();
    }
  }

  private wake(): void {
    while (this.inFlight < this.current && this.waiting.length > 0) {
      this.inFlight++;
      this.waiting.shift()!();
    }
  }
}
