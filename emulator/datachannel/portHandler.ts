// Port sessions in "basic" mode (one TCP connection at a time, LocalPortForwarding with an old
// client) and "standard stream" mode (AWS-StartSSHSession): Output payloads are the TCP bytes.
import type { Socket } from 'node:net';
import { PayloadFlag, PayloadType, STREAM_DATA_PAYLOAD_SIZE, chunkBytes, parseFlag } from '../../main/ssm/protocol';
import { dialEndpoint } from './destinations';
import type { Endpoint } from './instanceServices';
import type { SessionHandler, StreamSink } from './sessionHandler';

export interface PortHandlerOptions {
  /** Resolves the destination (throws with a readable message if there is none). */
  resolve: () => Endpoint;
  /** 'standard-stream' ends the session when the destination closes (SSH); 'basic' re-dials lazily. */
  mode: 'basic' | 'standard-stream';
}

export class PortHandler implements SessionHandler {
  private socket: Socket | undefined;
  private connecting: Promise<Socket | undefined> | undefined;
  private pendingWrites: Buffer[] = [];
  private paused = false;
  private disposed = false;

  constructor(
    private readonly sink: StreamSink,
    private readonly opts: PortHandlerOptions,
  ) {}

  start(): void {
    this.sink.onDrain(() => {
      if (this.paused) {
        this.paused = false;
        this.socket?.resume();
      }
    });
    void this.ensureConnected();
  }

  private ensureConnected(): Promise<Socket | undefined> {
    if (this.socket) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      try {
        const socket = await dialEndpoint(this.opts.resolve());
        if (this.disposed) {
          socket.destroy();
          return undefined;
        }
        this.attach(socket);
        return socket;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.sink.log(`port session: connecting to the destination failed: ${reason}`);
        this.sink.end({ output: `Unable to connect to the destination port: ${reason}` });
        return undefined;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    for (const data of this.pendingWrites) socket.write(data);
    this.pendingWrites = [];
    socket.on('data', (data: Buffer) => {
      for (const chunk of chunkBytes(data, STREAM_DATA_PAYLOAD_SIZE)) this.sink.send(PayloadType.Output, chunk);
      if (this.sink.isCongested() && !this.paused) {
        this.paused = true;
        socket.pause();
      }
    });
    socket.on('error', (error) => this.sink.log(`port session: destination socket error: ${error.message}`));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.paused = false;
      if (this.disposed) return;
      if (this.opts.mode === 'standard-stream') this.sink.end({ output: '' });
    });
  }

  canAccept(): boolean {
    return true;
  }

  handle(payloadType: number, payload: Buffer): void {
    if (this.disposed) return;
    if (payloadType === PayloadType.Flag) {
      const flag = parseFlag(payload);
      if (!flag.ok) return this.sink.log(`port session: ${flag.error}`);
      if (flag.value === PayloadFlag.DisconnectToPort) {
        // The client's local connection went away: drop ours; the next Output dials again.
        const socket = this.socket;
        this.socket = undefined;
        this.pendingWrites = [];
        socket?.destroy();
      } else if (flag.value === PayloadFlag.TerminateSession) {
        this.sink.end({ output: '' });
      }
      return;
    }
    if (payloadType !== PayloadType.Output) return;
    if (this.socket) {
      this.socket.write(payload);
      return;
    }
    this.pendingWrites.push(payload);
    void this.ensureConnected();
  }

  stopped(): Promise<void> {
    return Promise.resolve();
  }

  dispose(): void {
    this.disposed = true;
    this.socket?.destroy();
    this.socket = undefined;
  }
}
