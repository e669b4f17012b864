// Batches a WebSocket's small frames into one socket write per turn of the event loop.
// Session Manager sends one message per KiB of data and one acknowledgement per message, so a
// busy channel writes tens of thousands of ~150-byte frames a second; written one syscall each,
// the writes alone took a fifth of the CPU of a flood. Corking the socket when the first frame
// of a turn is written and uncorking on the next tick sends them together (one writev), without
// delaying any frame past the current turn.
import type { Socket } from 'node:net';

export class WriteBatching {
  private corked = false;

  /**
   * `tick` (default) uncorks when the current turn ends — for replies to what just arrived.
   * `immediate` waits for the I/O events already queued too — for a producer, like a PTY, whose
   * data arrives one small event at a time (at most one poll phase of delay).
   */
  constructor(
    private readonly socket: Socket,
    private readonly until: 'tick' | 'immediate' = 'tick',
  ) {}

  /** Call before writing a frame. */
  beforeWrite(): void {
    if (this.corked || this.socket.destroyed) return;
    this.corked = true;
    this.socket.cork();
    const uncork = () => {
      this.corked = false;
      this.socket.uncork();
    };
    if (this.until === 'immediate') setImmediate(uncork);
    else process.nextTick(uncork);
  }
}
