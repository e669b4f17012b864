// The client half of an smux v1 session (xtaci/smux protocol version 1), run over the Output
// byte stream of a multiplexed port session. We open streams 3, 5, 7, … (the agent is the server);
// each stream carries one local TCP connection.
//
// Flow control. smux v1 has no window updates: a receiver that cannot keep up stops reading the
// underlying connection, and here that is the data channel, whose acknowledgements carry the
// back-pressure to the agent. What we add is fairness on the way out: each stream may queue at
// most STREAM_WINDOW (64 KiB, smux's per-stream buffer size) before its local socket is paused,
// and queued frames leave round-robin across streams, packed into messages of at most
// `payloadSize` bytes, only while the channel is writable.
import { SMUX_HEADER_SIZE, SMUX_MAX_FRAME_SIZE, SmuxCmd, SmuxFrameParser, SmuxProtocolError, encodeSmuxFrame } from '../protocol';
import { Emitter, type Event } from '../../../common/event';

export const STREAM_WINDOW = 64 * 1024;
/** The first stream id an smux client opens (then 5, 7, …). */
export const FIRST_CLIENT_STREAM_ID = 3;

export interface SmuxTransport {
  send(payload: Buffer): void;
  readonly writable: boolean;
  readonly onDidDrain: Event<void>;
}

export class SmuxClientStream {
  /** Frames waiting for the channel (SYN first, FIN last). */
  frames: Buffer[] = [];
  queuedBytes = 0;
  finSent = false;
  remoteClosed = false;
  private overWindow = false;
  readonly didData = new Emitter<Buffer>();
  readonly onDidData: Event<Buffer> = this.didData.event;
  readonly didRemoteClose = new Emitter<void>();
  /** The agent closed the stream (FIN): the destination hung up or could not be reached. */
  readonly onDidRemoteClose: Event<void> = this.didRemoteClose.event;
  private readonly didDrain = new Emitter<void>();
  /** The stream's outgoing queue fell below half the window: the local socket may resume. */
  readonly onDidDrain: Event<void> = this.didDrain.event;

  constructor(
    readonly id: number,
    private readonly session: SmuxClientSession,
  ) {}

  /** Queues data; false when the stream's window is full (pause the producer until onDidDrain). */
  write(data: Buffer): boolean {
    if (this.finSent) return false;
    const max = Math.min(SMUX_MAX_FRAME_SIZE, this.session.payloadSize - SMUX_HEADER_SIZE);
    for (let i = 0; i < data.length; i += max) this.queue(encodeSmuxFrame(SmuxCmd.Psh, this.id, data.subarray(i, Math.min(data.length, i + max))), Math.min(max, data.length - i));
    if (this.queuedBytes >= STREAM_WINDOW) this.overWindow = true;
    return !this.overWindow;
  }

  /** Closes our direction (FIN after everything queued). */
  end(): void {
    if (this.finSent) return;
    this.finSent = true;
    this.queue(encodeSmuxFrame(SmuxCmd.Fin, this.id), 0);
  }

  /** @internal */
  queue(frame: Buffer, dataBytes: number): void {
    this.frames.push(frame);
    this.queuedBytes += dataBytes;
    this.session.schedule(this);
  }

  /** @internal called by the session when a frame left. */
  sent(dataBytes: number): void {
    this.queuedBytes -= dataBytes;
    if (this.overWindow && this.queuedBytes <= STREAM_WINDOW / 2) {
      this.overWindow = false;
      this.didDrain.fire();
    }
  }
}

export class SmuxClientSession {
  private nextId = FIRST_CLIENT_STREAM_ID;
  private readonly streams = new Map<number, SmuxClientStream>();
  private readonly parser = new SmuxFrameParser();
  /** Streams with frames waiting, in round-robin order. */
  private ready: SmuxClientStream[] = [];
  private keepAlive: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly didFail = new Emitter<string>();
  /** The byte stream from the agent is not valid smux: the session cannot continue. */
  readonly onDidFail: Event<string> = this.didFail.event;
  private readonly disposeDrain: () => void;

  constructor(
    private readonly transport: SmuxTransport,
    readonly payloadSize: number,
    options: { keepAliveMs?: number; log?: (message: string) => void } = {},
  ) {
    if (payloadSize <= SMUX_HEADER_SIZE) throw new RangeError('payload size too small for smux frames');
    this.log = options.log ?? (() => {});
    this.disposeDrain = transport.onDidDrain(() => this.pump());
    if (options.keepAliveMs) {
      this.keepAlive = setInterval(() => {
        this.transport.send(encodeSmuxFrame(SmuxCmd.Nop, 0));
      }, options.keepAliveMs);
      this.keepAlive.unref?.();
    }
  }

  private readonly log: (message: string) => void;

  get streamCount(): number {
    return this.streams.size;
  }

  openStream(): SmuxClientStream {
    if (this.closed) throw new Error('the smux session is closed');
    const id = this.nextId;
    this.nextId += 2;
    const stream = new SmuxClientStream(id, this);
    this.streams.set(id, stream);
    stream.queue(encodeSmuxFrame(SmuxCmd.Syn, id), 0);
    return stream;
  }

  /** Forgets a stream whose local side is gone (sends FIN first if we have not). */
  release(stream: SmuxClientStream): void {
    stream.end();
    this.streams.delete(stream.id);
  }

  /** Feeds one Output payload from the agent. */
  receive(payload: Buffer): void {
    if (this.closed) return;
    let frames;
    try {
      frames = this.parser.push(payload);
    } catch (e) {
      if (!(e instanceof SmuxProtocolError)) throw e;
      this.didFail.fire(e.message);
      return;
    }
    for (const frame of frames) {
      switch (frame.cmd) {
        case SmuxCmd.Psh: {
          const stream = this.streams.get(frame.streamId);
          if (stream && !stream.remoteClosed) stream.didData.fire(frame.data);
          break;
        }
        case SmuxCmd.Fin: {
          const stream = this.streams.get(frame.streamId);
          if (stream && !stream.remoteClosed) {
            stream.remoteClosed = true;
            stream.didRemoteClose.fire();
          }
          break;
        }
        case SmuxCmd.Syn:
          // The agent never opens streams towards us; refuse politely so it does not wait.
          this.log(`the agent tried to open smux stream ${frame.streamId}; refused`);
          this.transport.send(encodeSmuxFrame(SmuxCmd.Fin, frame.streamId));
          break;
        case SmuxCmd.Nop:
          break;
      }
    }
  }

  /** @internal a stream has frames to send. */
  schedule(stream: SmuxClientStream): void {
    if (!this.ready.includes(stream)) this.ready.push(stream);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.transport.writable && this.ready.length > 0) {
      const parts: Buffer[] = [];
      let size = 0;
      // Fill one message, taking one frame from each ready stream in turn.
      while (this.ready.length > 0) {
        const stream = this.ready[0]!;
        const frame = stream.frames[0]!;
        if (size > 0 && size + frame.length > this.payloadSize) break;
        stream.frames.shift();
        parts.push(frame);
        size += frame.length;
        this.ready.shift();
        if (stream.frames.length > 0) this.ready.push(stream);
        stream.sent(frame.length - SMUX_HEADER_SIZE);
      }
      this.transport.send(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.disposeDrain();
    this.ready = [];
    this.streams.clear();
  }
}
