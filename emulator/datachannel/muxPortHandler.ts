// Multiplexed port forwarding: the Output byte stream in each direction is an smux v1 session.
// The client opens streams (odd ids); for each the agent dials the destination and pipes bytes,
// answering a failed dial with the ConnectToPortError flag and a FIN for that stream.
import type { Socket } from 'node:net';
import {
  PayloadFlag,
  PayloadType,
  STREAM_DATA_PAYLOAD_SIZE,
  SmuxCmd,
  SmuxFrameParser,
  SmuxProtocolError,
  chunkBytes,
  encodeFlag,
  encodeSmuxData,
  encodeSmuxFrame,
  parseFlag,
} from '../../main/ssm/protocol';
import { dialEndpoint } from './destinations';
import type { Endpoint } from './instanceServices';
import type { SessionHandler, StreamSink } from './sessionHandler';

const KEEPALIVE_INTERVAL_MS = 10_000;

interface MuxStream {
  id: number;
  socket: Socket | undefined;
  pending: Buffer[];
  finReceived: boolean;
  closed: boolean;
}

export class MuxPortHandler implements SessionHandler {
  private readonly parser = new SmuxFrameParser();
  private readonly streams = new Map<number, MuxStream>();
  private keepAlive: NodeJS.Timeout | undefined;
  private paused = false;
  private disposed = false;

  constructor(
    private readonly sink: StreamSink,
    private readonly resolve: () => Endpoint,
    private readonly keepAliveEnabled: boolean,
  ) {}

  start(): void {
    if (this.keepAliveEnabled) {
      this.keepAlive = setInterval(() => this.sendSmux(encodeSmuxFrame(SmuxCmd.Nop, 0)), KEEPALIVE_INTERVAL_MS);
      this.keepAlive.unref();
    }
    this.sink.onDrain(() => {
      if (!this.paused) return;
      this.paused = false;
      for (const s of this.streams.values()) s.socket?.resume();
    });
  }

  canAccept(): boolean {
    return true;
  }

  handle(payloadType: number, payload: Buffer): void {
    if (this.disposed) return;
    if (payloadType === PayloadType.Flag) {
      const flag = parseFlag(payload);
      if (flag.ok && flag.value === PayloadFlag.TerminateSession) this.sink.end({ output: '' });
      else if (!flag.ok) this.sink.log(`mux port session: ${flag.error}`);
      return;
    }
    if (payloadType !== PayloadType.Output) return;
    let frames;
    try {
      frames = this.parser.push(payload);
    } catch (error) {
      if (!(error instanceof SmuxProtocolError)) throw error;
      this.sink.log(`mux port session: ${error.message}`);
      this.sink.end({ output: `Port forwarding stream is corrupt: ${error.message}` });
      return;
    }
    for (const frame of frames) {
      switch (frame.cmd) {
        case SmuxCmd.Syn:
          this.open(frame.streamId);
          break;
        case SmuxCmd.Psh: {
          const stream = this.streams.get(frame.streamId);
          if (!stream || stream.finReceived) break;
          if (stream.socket) stream.socket.write(frame.data);
          else stream.pending.push(frame.data);
          break;
        }
        case SmuxCmd.Fin: {
          const stream = this.streams.get(frame.streamId);
          if (!stream) break;
          stream.finReceived = true;
          if (stream.socket) stream.socket.end();
          break;
        }
        case SmuxCmd.Nop:
          break;
      }
    }
  }

  private open(id: number): void {
    if (this.streams.has(id)) return;
    const stream: MuxStream = { id, socket: undefined, pending: [], finReceived: false, closed: false };
    this.streams.set(id, stream);
    let endpoint: Endpoint;
    const fail = (reason: string) => {
      this.sink.log(`mux port session: stream ${id}: ${reason}`);
      this.sink.send(PayloadType.Flag, encodeFlag(PayloadFlag.ConnectToPortError));
      this.closeStream(stream);
    };
    try {
      endpoint = this.resolve();
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
      return;
    }
    dialEndpoint(endpoint).then(
      (socket) => {
        if (this.disposed || stream.closed) {
          socket.destroy();
          return;
        }
        stream.socket = socket;
        for (const data of stream.pending) socket.write(data);
        stream.pending = [];
        if (stream.finReceived) socket.end();
        if (this.paused) socket.pause();
        socket.on('data', (data: Buffer) => {
          this.sendSmux(Buffer.concat(encodeSmuxData(id, data)));
          if (!this.paused && this.sink.isCongested()) {
            this.paused = true;
            for (const s of this.streams.values()) s.socket?.pause();
          }
        });
        socket.on('error', (error) => this.sink.log(`mux port session: stream ${id}: ${error.message}`));
        socket.on('close', () => this.closeStream(stream));
      },
      (error: Error) => fail(error.message),
    );
  }

  private closeStream(stream: MuxStream): void {
    if (stream.closed) return;
    stream.closed = true;
    this.streams.delete(stream.id);
    stream.socket?.destroy();
    if (!this.disposed) this.sendSmux(encodeSmuxFrame(SmuxCmd.Fin, stream.id));
  }

  private sendSmux(bytes: Buffer): void {
    for (const chunk of chunkBytes(bytes, STREAM_DATA_PAYLOAD_SIZE)) this.sink.send(PayloadType.Output, chunk);
  }

  stopped(): Promise<void> {
    return Promise.resolve();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.keepAlive) clearInterval(this.keepAlive);
    for (const s of this.streams.values()) s.socket?.destroy();
    this.streams.clear();
  }
}
