// Acknowledgement-based flow control for byte streams (terminals, forwards). The producer counts
// bytes it has sent and the consumer has not yet acknowledged; above the high watermark it pauses
// the source, below the low watermark it resumes it. Numbers follow xterm.js's flow-control guide
// and VS Code's pty host: a flood (`yes`) never queues more than ~100 KB per stream, so keystrokes
// (Ctrl-C) stay responsive and a slow tab cannot starve the others.

export const STREAM_HIGH_WATERMARK = 100_000;
export const STREAM_LOW_WATERMARK = 10_000;
/** The consumer acknowledges in batches of this size (must be ≤ the low watermark, or it never resumes). */
export const STREAM_ACK_BATCH = 5_000;

export interface Pausable {
  pause(): void;
  resume(): void;
}

export class FlowController {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly source: Pausable,
    private readonly high = STREAM_HIGH_WATERMARK,
    private readonly low = STREAM_LOW_WATERMARK,
  ) {
    if (low >= high) throw new Error('low watermark must be below the high watermark');
  }

  get unacknowledged(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Call after handing `bytes` to the transport. */
  sent(bytes: number): void {
    this.unacked += bytes;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      this.source.pause();
    }
  }

  /** Call when the consumer acknowledges `bytes`. Over-acknowledging is clamped, never negative. */
  acknowledged(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      this.source.resume();
    }
  }
}

/** Consumer side: batches acknowledgements so the transport is not flooded with tiny acks. */
export class AckBatcher {
  private pending = 0;

  constructor(
    private readonly flush: (bytes: number) => void,
    private readonly batch = STREAM_ACK_BATCH,
  ) {}

  consumed(bytes: number): void {
    this.pending += bytes;
    if (this.pending >= this.batch) this.drain();
  }

  /** Send whatever is pending (e.g. when the stream goes idle). */
  drain(): void {
    if (this.pending > 0) {
      const n = this.pending;
      this.pending = 0;
      this.flush(n);
    }
  }
}
