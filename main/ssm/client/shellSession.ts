// An interactive shell over the data channel: terminal size messages, keystrokes in ≤1024-byte
// messages, output in order, and the end of the session with its exit code when the agent sends
// one. Back-pressure: `pause()` stops acknowledging nothing — it just stops delivering to the
// consumer, buffering at most what the agent already sent (the agent's own window bounds it).
import { PayloadType, STREAM_DATA_PAYLOAD_SIZE, chunkBytes, encodeSize } from '../protocol';
import { Emitter, type Event } from '../../../common/event';
import type { ChannelEnd, ChannelState, DataChannelClient } from './dataChannelClient';

export class ShellSession {
  private readonly didOutput = new Emitter<Buffer>();
  readonly onDidOutput: Event<Buffer> = this.didOutput.event;
  readonly onDidChangeState: Event<ChannelState>;
  readonly onDidEnd: Event<ChannelEnd>;
  private size: { cols: number; rows: number } | undefined;
  private paused = false;
  private held: Buffer[] = [];

  constructor(readonly channel: DataChannelClient) {
    this.onDidChangeState = channel.onDidChangeState;
    this.onDidEnd = channel.onDidEnd;
    channel.onDidReceive(({ payload }) => {
      if (this.paused) this.held.push(payload);
      else this.didOutput.fire(payload);
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
    for (const chunk of chunkBytes(bytes, STREAM_DATA_PAYLOAD_SIZE)) this.channel.send(PayloadType.Output, chunk);
  }

  resize(cols: number, rows: number): void {
    const c = Math.max(1, Math.min(1000, Math.floor(cols)));
    const r = Math.max(1, Math.min(1000, Math.floor(rows)));
    if (this.size && this.size.cols === c && this.size.rows === r) return;
    this.size = { cols: c, rows: r };
    this.channel.send(PayloadType.Size, encodeSize(this.size));
  }

  /** Stop delivering output to the consumer (terminal busy); resumes with `resume()`. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (const chunk of held) this.didOutput.fire(chunk);
  }

  close(): void {
    this.channel.close();
  }
}
