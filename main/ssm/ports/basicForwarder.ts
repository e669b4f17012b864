// Basic port forwarding (agents up to 3.0.196.0): the data channel carries one TCP connection at a
// time. When the local client goes away we send DisconnectToPort and the agent drops its
// connection to the destination, dialling again on our next Output. Further local clients wait
// in a short queue (paused, nothing read) and are refused beyond it, each with a logged reason.
import type { Socket } from 'node:net';
import { PayloadFlag, PayloadType, chunkBytes, encodeFlag } from '../protocol';
import { describeSocket, type Forwarder, type ForwarderContext } from './forwarder';

/** Local clients that may wait for their turn in basic mode. */
export const BASIC_QUEUE_LIMIT = 8;

export class BasicForwarder implements Forwarder {
  readonly mode = 'basic' as const;
  private active: Socket | undefined;
  private readonly waiting: Socket[] = [];
  private discarded = 0;
  private closed = false;
  private readonly disposeDrain: () => void;

  constructor(private readonly ctx: ForwarderContext) {
    this.disposeDrain = ctx.channel.onDidDrain(() => {
      if (this.active?.isPaused()) this.active.resume();
    });
  }

  accept(socket: Socket): void {
    if (this.closed) return void socket.destroy();
    socket.setNoDelay(true);
    socket.on('error', (e) => this.ctx.log(`connection ${describeSocket(socket)}: ${e.message}`));
    if (!this.active) return this.activate(socket);
    if (this.waiting.length >= BASIC_QUEUE_LIMIT) {
      this.ctx.stats.refused += 1;
      this.ctx.log(`refused connection ${describeSocket(socket)}: this agent forwards one connection at a time and ${BASIC_QUEUE_LIMIT} are already waiting (agents newer than 3.0.196.0 multiplex)`);
      this.ctx.changed();
      socket.destroy();
      return;
    }
    socket.pause();
    this.waiting.push(socket);
    this.ctx.log(`connection ${describeSocket(socket)} waits: this agent forwards one connection at a time (${this.waiting.length} waiting)`);
    socket.once('close', () => {
      const i = this.waiting.indexOf(socket);
      if (i >= 0) this.waiting.splice(i, 1);
    });
  }

  private activate(socket: Socket): void {
    this.active = socket;
    this.ctx.stats.connections += 1;
    this.ctx.stats.activeConnections += 1;
    this.ctx.log(`connection accepted from ${describeSocket(socket)}`);
    this.ctx.changed();
    socket.on('data', (data: Buffer) => {
      for (const chunk of chunkBytes(data, this.ctx.payloadSize)) this.ctx.channel.send(PayloadType.Output, chunk);
      this.ctx.stats.bytesOut += data.length;
      this.ctx.changed();
      if (!this.ctx.channel.writable) socket.pause();
    });
    socket.on('drain', () => {
      if (this.active === socket) this.ctx.channel.setReceiving(true);
    });
    socket.once('close', () => this.onActiveClosed(socket));
    socket.resume();
  }

  private onActiveClosed(socket: Socket): void {
    if (this.active !== socket) return;
    this.active = undefined;
    this.ctx.stats.activeConnections -= 1;
    this.ctx.log(`connection ${describeSocket(socket)} closed`);
    this.ctx.changed();
    if (this.closed) return;
    // The agent drops its end; whatever it still sends belonged to this connection.
    this.ctx.channel.send(PayloadType.Flag, encodeFlag(PayloadFlag.DisconnectToPort));
    this.ctx.channel.setReceiving(true);
    const next = this.waiting.shift();
    if (next) this.activate(next);
  }

  onOutput(payload: Buffer): void {
    const socket = this.active;
    if (!socket || socket.destroyed) {
      // Output of a connection that is already gone must never reach the next client.
      this.discarded += payload.length;
      return;
    }
    this.ctx.stats.bytesIn += payload.length;
    this.ctx.changed();
    // A slow local client holds the channel (the agent then stops reading the destination).
    if (!socket.write(payload)) this.ctx.channel.setReceiving(false);
  }

  onFlag(flag: number): void {
    this.ctx.log(`unexpected flag ${flag} from the agent in basic mode`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disposeDrain();
    this.active?.destroy();
    for (const s of this.waiting.splice(0)) s.destroy();
    if (this.discarded > 0) this.ctx.log(`${this.discarded} bytes arrived after their local connection had closed and were discarded`);
  }
}
