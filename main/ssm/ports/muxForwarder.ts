// Multiplexed port forwarding (agents after 3.0.196.0): every local connection becomes an smux
// stream; many run at once. ConnectToPortError from the agent closes the local connection whose
// stream the agent then finishes, with the reason logged.
import type { Socket } from 'node:net';
import { PayloadFlag } from '../protocol';
import { describeSocket, type Forwarder, type ForwarderContext } from './forwarder';
import { SmuxClientSession, type SmuxClientStream } from './smuxSession';

/** smux's session receive buffer: past this much unwritten local data, the channel is held. */
export const SESSION_RECEIVE_BUFFER = 4 * 1024 * 1024;
/** Client smux keep-alive interval, for agents that still expect it (≤ 3.1.1511.0). */
export const SMUX_KEEPALIVE_MS = 10_000;

interface LocalConnection {
  socket: Socket;
  stream: SmuxClientStream;
  received: number;
  reason?: string;
}

export class MuxForwarder implements Forwarder {
  readonly mode = 'smux' as const;
  private readonly session: SmuxClientSession;
  private readonly connections = new Map<number, LocalConnection>();
  /** The agent said it could not dial the destination; the next FIN is that stream's. */
  private connectErrors = 0;
  private closed = false;

  constructor(
    private readonly ctx: ForwarderContext,
    options: { keepAlive: boolean; destination: string },
  ) {
    this.destination = options.destination;
    this.session = new SmuxClientSession(
      { send: (payload) => ctx.channel.send(1, payload), get writable() { return ctx.channel.writable; }, onDidDrain: ctx.channel.onDidDrain },
      ctx.payloadSize,
      { keepAliveMs: options.keepAlive ? SMUX_KEEPALIVE_MS : undefined, log: ctx.log },
    );
    this.session.onDidFail((why) => {
      this.ctx.log(`the multiplexed stream from the agent is corrupt (${why}); closing all connections`);
      for (const c of this.connections.values()) c.socket.destroy();
    });
  }

  private readonly destination: string;

  accept(socket: Socket): void {
    if (this.closed) return void socket.destroy();
    socket.setNoDelay(true);
    const stream = this.session.openStream();
    const conn: LocalConnection = { socket, stream, received: 0 };
    this.connections.set(stream.id, conn);
    this.ctx.stats.connections += 1;
    this.ctx.stats.activeConnections += 1;
    this.ctx.log(`connection accepted from ${describeSocket(socket)} (stream ${stream.id})`);
    this.ctx.changed();

    socket.on('data', (data: Buffer) => {
      this.ctx.stats.bytesOut += data.length;
      this.ctx.changed();
      if (!stream.write(data)) socket.pause();
    });
    stream.onDidDrain(() => socket.resume());
    socket.on('end', () => stream.end()); // half-close: the destination sees FIN, may still answer
    socket.on('drain', () => this.maybeResumeChannel());
    socket.on('error', (e) => (conn.reason ??= e.message));
    socket.once('close', () => {
      this.session.release(stream);
      this.connections.delete(stream.id);
      this.ctx.stats.activeConnections -= 1;
      this.ctx.log(`connection ${describeSocket(socket)} closed (stream ${stream.id}${conn.reason ? `: ${conn.reason}` : ''})`);
      this.ctx.changed();
      this.maybeResumeChannel();
    });
    stream.onDidData((data) => {
      conn.received += data.length;
      this.ctx.stats.bytesIn += data.length;
      this.ctx.changed();
      socket.write(data);
      if (this.unwritten() > SESSION_RECEIVE_BUFFER) this.ctx.channel.setReceiving(false);
    });
    socket.resume(); // the listener pauses new sockets until they are wired
    stream.onDidRemoteClose(() => {
      if (this.connectErrors > 0 && conn.received === 0) {
        this.connectErrors -= 1;
        conn.reason = `the instance could not connect to ${this.destination}`;
        this.ctx.stats.refused += 1;
        socket.destroy();
        return;
      }
      socket.end(); // everything written first, then FIN to the local client
    });
  }

  private unwritten(): number {
    let total = 0;
    for (const c of this.connections.values()) total += c.socket.writableLength;
    return total;
  }

  private maybeResumeChannel(): void {
    if (!this.ctx.channel.isReceiving && this.unwritten() <= SESSION_RECEIVE_BUFFER / 2) this.ctx.channel.setReceiving(true);
  }

  onOutput(payload: Buffer): void {
    this.session.receive(payload);
  }

  onFlag(flag: number): void {
    if (flag === PayloadFlag.ConnectToPortError) {
      this.connectErrors += 1;
      this.ctx.log(`the instance could not connect to ${this.destination} (check that something listens there and the SSM agent's logs)`);
      return;
    }
    this.ctx.log(`unexpected flag ${flag} from the agent`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
    for (const c of this.connections.values()) c.socket.destroy();
  }
}
