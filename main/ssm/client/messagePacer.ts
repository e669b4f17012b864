// A token bucket that keeps our sequenced messages under the service's rate limit. Session Manager
// drops a WebSocket whose sender exceeds roughly 1000 data messages per second for a sustained
// period (the official plugin stays below it by sleeping 1 ms between messages). A small burst
// keeps keystrokes and handshakes instant; sustained traffic is paced to `ratePerSecond`.

export const DEFAULT_MESSAGES_PER_SECOND = 900;
export const DEFAULT_MESSAGE_BURST = 64;

export class MessagePacer {
  private tokens: number;
  private lastRefillMs: number;

  constructor(
    readonly ratePerSecond: number = DEFAULT_MESSAGES_PER_SECOND,
    readonly burst: number = DEFAULT_MESSAGE_BURST,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new RangeError('the message rate must be positive and the burst at least 1');
    this.tokens = burst;
    this.lastRefillMs = now();
  }

  private refill(): void {
    const now = this.now();
    const elapsed = now - this.lastRefillMs;
    if (elapsed > 0) {
      this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
      this.lastRefillMs = now;
    }
  }

  /** Takes one token if there is one. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token is available (0 when one is available now). */
  msUntilNext(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }
}
