// An interactive shell over the data channel: terminal size messages, keystrokes in ≤1024-byte
// messages, output in order, and the end of the session with its exit code when the agent sends
// one. Back-pressure: `pause()` stops delivering to the consumer and holds what arrives; past
// HOLD_LIMIT bytes the channel stops acknowledging, so the agent's window fills and it stops
// reading the PTY. The limit is small on purpose: everything held here must be drawn before a
// Ctrl-C shows, so a flood's backlog is kept where the agent holds it, not in the app.
import { PayloadType, STREAM_DATA_PAYLOAD_SIZE, chunkBytes, encodeSize } from '../protocol';
import { Emitter, type Event } from '../../../common/event';
import type { ChannelEnd, ChannelState, DataChannelClient } from './dataChannelClient';

export const HOLD_LIMIT = 256 * 1024;

export class ShellSession {
  private readonly didOutput = new Emitter<Buffer>();
  readonly onDidOutput: Event<Buffer> = this.didOutput.event;
  private readonly didWrite = new Emitter<Buffer>();
  /** Input as it is sent (for recorders that keep keystrokes; most must not). */
  readonly onDidWrite: Event<Buffer> = this.didWrite.event;
  private readonly didResize = new Emitter<{ cols: number; rows: number }>();
  /** The terminal size changed (after clamping), as sent to the agent. */
  readonly onDidResize: Event<{ cols: number; rows: number }> = this.didResize.event;
  readonly onDidChangeState: Event<ChannelState>;
  readonly onDidEnd: Event<ChannelEnd>;
  private size: { cols: number; rows: number } | undefined;
  private paused = false;
  private held: Buffer[] = [];
  private heldBytes = 0;

  constructor(readonly channel: DataChannelClient) {
    this.onDidChangeState = channel.onDidChangeState;
    this.onDidEnd = channel.onDidEnd;
    channel.onDidReceive(({ payload }) => {
      if (!this.paused) return this.didOutput.fire(payload);
      this.held.push(payload);
      this.heldBytes += payload.length;
      if (this.heldBytes > HOLD_LIMIT) this.channel.setReceiving(false);
    });
    // What the agent tells the user at the start (e.g. that KMS encrypts the session) is printed
    // first, as the plugin prints it.
    channel.onDidCompleteHandshake((message) => {
      if (message) this.didOutput.fire(Buffer.from(`${message}\r\n`));
    });
    // After a reconnect the agent may have lost nothing, but re-sending the size is cheap and
    // fixes a terminal resized while we were away.
    channel.onDidChangeState((state) => {
      if (state === 'open' && this.size) this.channel.send(PayloadType.Size, encodeSize(this.size));
    });
  }

  /** Sends keystrokes or pasted text (never more than one message's worth per frame). */
  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    if (bytes.length === 0) return;
    this.didWrite.fire(bytes);
    for (const chunk of chunkBytes(bytes, STREAM_DATA_PAYLOAD_SIZE)) this.channel.send(PayloadType.Output, chunk);
  }

  /** The last size sent to the agent. */
  get terminalSize(): { cols: number; rows: number } | undefined {
    return this.size ? { ...this.size } : undefined;
  }

  resize(cols: number, rows: number): void {
    const c = Math.max(1, Math.min(1000, Math.floor(cols)));
    const r = Math.max(1, Math.min(1000, Math.floor(rows)));
    if (this.size && this.size.cols === c && this.size.rows === r) return;
    this.size = { cols: c, rows: r };
    this.channel.send(PayloadType.Size, encodeSize(this.size));
    this.didResize.fire({ ...this.size });
  }

  /** Stop delivering output to the consumer (terminal busy); resumes with `resume()`. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    // The consumer may pause again while we hand it what was held.
    while (!this.paused && this.held.length > 0) {
      const chunk = this.held.shift()!;
      this.heldBytes -= chunk.length;
      this.didOutput.fire(chunk);
    }
    if (this.heldBytes <= HOLD_LIMIT) this.channel.setReceiving(true);
  }

  close(): void {
    this.channel.close();
  }
}
