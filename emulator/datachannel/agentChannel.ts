// The agent's end of one session's data channel: its own sequence counter, the outgoing buffer
// with RTO retransmission, the receive window, acknowledgements, publication pause, and the
// current client connection (which changes on every resume while all of that state survives).
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import {
  HeaderFlag,
  MessageType,
  OutgoingBuffer,
  PayloadType,
  RETRANSMISSION_DEFAULTS,
  ReceiveWindow,
  decodeMessage,
  encodeAcknowledge,
  encodeMessage,
  newMessageId,
  parseAcknowledge,
  type DecodedMessage,
  type OutgoingEntry,
  type RetransmissionTiming,
} from '../../main/ssm/protocol';
import type { Clock } from '../contracts';
import { FaultyPipe, deriveSeed, type DataChannelFaults } from './faults';
import { WriteBatching } from '../../main/ssm/protocol/writeBatching';

/** Agent buffer capacity (the real agent's is 100 000 and refuses new entries when full). */
const AGENT_BUFFER_CAPACITY = 100_000;
/** Producers (PTY, sockets) pause above this many unacknowledged messages and resume below the low mark. */
export const BACKLOG_HIGH_WATERMARK = 4096;
export const BACKLOG_LOW_WATERMARK = 1024;

export interface AgentChannelOptions {
  sessionId: string;
  targetId: string;
  clock: Clock;
  log: (message: string) => void;
  timing?: Partial<RetransmissionTiming>;
  /**
   * Called for each in-order client stream message. Returning false means "not ready": the message
   * is neither acknowledged nor consumed, so the client retransmits it (agent behaviour).
   */
  canAccept: (message: DecodedMessage) => boolean;
  onStreamMessage: (message: DecodedMessage) => void;
}

export interface ChannelClosedInfo {
  output?: string;
  exitCode?: number;
}

interface Connection {
  batching: WriteBatching | undefined;
  ws: WebSocket;
  toClient: FaultyPipe;
  toAgent: FaultyPipe;
  bytes: number;
  killAfterBytes: number | undefined;
  timers: NodeJS.Timeout[];
}

export class AgentChannel {
  private readonly outgoing: OutgoingBuffer<Buffer>;
  private readonly incoming = new ReceiveWindow<DecodedMessage>(AGENT_BUFFER_CAPACITY);
  private nextSequence = 0;
  private connection: Connection | undefined;
  private paused = false;
  private readonly scanTimer: NodeJS.Timeout;
  private readonly drainListeners: Array<() => void> = [];
  private aboveHighWatermark = false;
  private closedFrame: Buffer | undefined;
  private disposed = false;
  /** Milliseconds a client socket has been attached, for the end-of-session drain budget. */
  private attachedSince: number | undefined;
  private attachedTotal = 0;
  private strict = true;

  constructor(private readonly opts: AgentChannelOptions) {
    const timing = { ...RETRANSMISSION_DEFAULTS, ...opts.timing };
    this.outgoing = new OutgoingBuffer<Buffer>(AGENT_BUFFER_CAPACITY, 'refuse', timing);
    this.scanTimer = setInterval(() => this.resendDueHead(), timing.resendScanIntervalMs);
    this.scanTimer.unref();
  }

  get isAttached(): boolean {
    return this.connection !== undefined;
  }

  /** Unacknowledged (or not yet sent) stream messages. */
  backlog(): number {
    return this.outgoing.size;
  }

  onDrain(listener: () => void): void {
    this.drainListeners.push(listener);
  }

  /** Milliseconds of connected time so far (used to bound the end-of-session drain). */
  connectedMs(): number {
    return this.attachedTotal + (this.attachedSince === undefined ? 0 : performance.now() - this.attachedSince);
  }

  /**
   * Takes over a freshly authenticated client socket (first connection or a resume). Everything
   * unacknowledged is sent again on it: whatever was in flight on the old socket is gone.
   */
  attach(ws: WebSocket, connectionIndex: number, faults: DataChannelFaults | undefined, socket?: Duplex): void {
    this.detach('replaced by a new connection');
    if (this.disposed && !this.closedFrame) {
      ws.close(1008, 'session is no longer active');
      return;
    }
    const seed = faults?.seed ?? 1;
    this.strict = faults?.strictValidation ?? true;
    const kill = faults?.killSockets?.[connectionIndex];
    const conn: Connection = {
      ws,
      // As the real agent's output goes out: many messages a turn, one write.
      batching: socket instanceof Socket ? new WriteBatching(socket, 'immediate') : undefined,
      bytes: 0,
      killAfterBytes: kill?.afterBytes,
      timers: [],
      toClient: new FaultyPipe(faults?.toClient, deriveSeed(seed, connectionIndex, 'toClient'), (frame) => this.write(conn, frame)),
      toAgent: new FaultyPipe(faults?.toAgent, deriveSeed(seed, connectionIndex, 'toAgent'), (frame) => this.receive(conn, frame)),
    };
    this.connection = conn;
    this.attachedSince = performance.now();
    if (faults && (faults.toClient || faults.toAgent || faults.killSockets)) {
      this.opts.log(`session ${this.opts.sessionId}: connection ${connectionIndex} with faults, seed ${seed}`);
    }
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.connection !== conn) return;
      if (!isBinary) {
        this.opts.log(`session ${this.opts.sessionId}: ignoring an unexpected text frame`);
        return;
      }
      conn.bytes += data.length;
      conn.toAgent.push(data);
      this.checkKill(conn);
    });
    ws.on('close', () => {
      if (this.connection === conn) this.detach('client socket closed');
    });
    ws.on('error', (error) => this.opts.log(`session ${this.opts.sessionId}: socket error ${error.message}`));
    if (kill?.afterMs !== undefined) conn.timers.push(setTimeout(() => this.kill(conn, `${kill.afterMs} ms elapsed`), kill.afterMs));
    const pause = faults?.pausePublication;
    if (pause) {
      conn.timers.push(
        setTimeout(() => {
          this.sendControl(MessageType.PausePublication);
          this.paused = true;
          conn.timers.push(setTimeout(() => this.resumePublication(true), pause.durationMs));
        }, pause.afterMs),
      );
    }
    if (this.closedFrame) {
      conn.toClient.push(this.closedFrame, true);
      ws.close(1000, 'session ended');
      return;
    }
    if (faults?.sendStartPublication ?? true) this.sendControl(MessageType.StartPublication);
    this.paused = false;
    for (const entry of this.outgoing.all()) this.transmit(entry);
  }

  /** Sends one sequenced `output_stream_data` message (buffered until acknowledged). */
  send(payloadType: number, payload: Buffer): void {
    if (this.disposed) return;
    if (payload.length === 0) return; // the agent never sends empty payloads
    const sequenceNumber = this.nextSequence;
    const frame = encodeMessage({
      messageType: MessageType.OutputStreamData,
      payloadType,
      sequenceNumber,
      flags: sequenceNumber === 0 ? HeaderFlag.Syn : HeaderFlag.None,
      createdDate: this.opts.clock.now(),
      payload,
    });
    const entry = this.outgoing.add(sequenceNumber, frame);
    if (!entry) {
      // Producers pause long before this; reaching it means a client that never acknowledges.
      this.opts.log(`session ${this.opts.sessionId}: outgoing buffer full, dropping output`);
      return;
    }
    this.nextSequence += 1;
    if (this.outgoing.size > BACKLOG_HIGH_WATERMARK) this.aboveHighWatermark = true;
    this.transmit(entry);
  }

  /** True while producers should hold back (too many unacknowledged messages). */
  isCongested(): boolean {
    return this.aboveHighWatermark;
  }

  /** Sends channel_closed and closes the socket; kept for a late reconnect if no socket is attached. */
  close(info: ChannelClosedInfo): void {
    if (this.closedFrame) return;
    const content: Record<string, unknown> = {
      MessageId: newMessageId(),
      CreatedDate: new Date(this.opts.clock.now()).toISOString(),
      DestinationId: this.opts.targetId,
      SessionId: this.opts.sessionId,
      MessageType: MessageType.ChannelClosed,
      SchemaVersion: 1,
      Output: info.output ?? '',
    };
    if (info.exitCode !== undefined) content.ExitCode = info.exitCode;
    this.closedFrame = encodeMessage({
      messageType: MessageType.ChannelClosed,
      payloadType: PayloadType.None,
      flags: HeaderFlag.NonSequenced,
      createdDate: this.opts.clock.now(),
      payload: Buffer.from(JSON.stringify(content)),
    });
    this.disposed = true;
    clearInterval(this.scanTimer);
    const conn = this.connection;
    if (conn) {
      conn.toClient.push(this.closedFrame, true);
      conn.ws.close(1000, 'session ended');
      this.detach('session ended');
    }
  }

  /** Stops timers and drops the socket without a channel_closed (broker shutdown). */
  dispose(): void {
    this.disposed = true;
    clearInterval(this.scanTimer);
    const conn = this.connection;
    this.detach('disposed');
    conn?.ws.terminate();
  }

  private detach(reason: string): void {
    const conn = this.connection;
    if (!conn) return;
    this.connection = undefined;
    if (this.attachedSince !== undefined) this.attachedTotal += performance.now() - this.attachedSince;
    this.attachedSince = undefined;
    conn.toClient.close();
    conn.toAgent.close();
    for (const t of conn.timers) clearTimeout(t);
    const stats = (p: FaultyPipe) => `${p.stats.frames} frames, ${p.stats.dropped} dropped, ${p.stats.duplicated} duplicated, ${p.stats.reordered} reordered, ${p.stats.delayed} delayed, ${p.stats.corrupted} corrupted`;
    const faultSummary = conn.toClient.stats.frames + conn.toAgent.stats.frames > 0 ? `; to client: ${stats(conn.toClient)}; to agent: ${stats(conn.toAgent)}` : '';
    this.opts.log(`session ${this.opts.sessionId}: client detached (${reason})${faultSummary}`);
    if (reason !== 'session ended' && conn.ws.readyState === conn.ws.OPEN) conn.ws.terminate();
  }

  private kill(conn: Connection, why: string): void {
    if (this.connection !== conn) return;
    this.opts.log(`session ${this.opts.sessionId}: fault injection kills the socket (${why})`);
    conn.ws.terminate();
    this.detach(`killed: ${why}`);
  }

  private checkKill(conn: Connection): void {
    if (conn.killAfterBytes !== undefined && conn.bytes >= conn.killAfterBytes) this.kill(conn, `${conn.killAfterBytes} bytes passed`);
  }

  private write(conn: Connection, frame: Buffer): void {
    if (this.connection !== conn || conn.ws.readyState !== conn.ws.OPEN) return;
    conn.batching?.beforeWrite();
    conn.ws.send(frame, { binary: true });
    conn.bytes += frame.length;
    this.checkKill(conn);
  }

  private transmit(entry: OutgoingEntry<Buffer>): void {
    const conn = this.connection;
    if (!conn || this.paused) return;
    this.outgoing.markSent(entry, performance.now());
    conn.toClient.push(entry.item);
  }

  private resendDueHead(): void {
    if (!this.connection || this.paused) return;
    const head = this.outgoing.head();
    if (head && head.lastSentMs === undefined) {
      // Paused or disconnected earlier: send everything not yet on the wire.
      for (const entry of this.outgoing.all()) if (entry.lastSentMs === undefined) this.transmit(entry);
      return;
    }
    const due = this.outgoing.dueForResend(performance.now());
    if (due) this.transmit(due);
  }

  private resumePublication(announce: boolean): void {
    if (!this.paused) return;
    this.paused = false;
    if (announce) this.sendControl(MessageType.StartPublication);
    for (const entry of this.outgoing.all()) if (entry.lastSentMs === undefined) this.transmit(entry);
  }

  private sendControl(messageType: string): void {
    this.connection?.toClient.push(
      encodeMessage({ messageType, payloadType: PayloadType.None, flags: HeaderFlag.NonSequenced, createdDate: this.opts.clock.now() }),
      true,
    );
  }

  private acknowledge(message: DecodedMessage): void {
    const payload = encodeAcknowledge(message);
    this.connection?.toClient.push(
      encodeMessage({ messageType: MessageType.Acknowledge, payloadType: PayloadType.None, flags: HeaderFlag.NonSequenced, createdDate: this.opts.clock.now(), payload }),
    );
  }

  private receive(conn: Connection, frame: Buffer): void {
    if (this.connection !== conn || this.disposed) return;
    const decoded = decodeMessage(frame, { strict: this.strict });
    if (!decoded.ok) {
      this.opts.log(`session ${this.opts.sessionId}: dropped an invalid frame (${decoded.code}: ${decoded.detail})`);
      return;
    }
    const message = decoded.message;
    switch (message.messageType) {
      case MessageType.Acknowledge:
        return this.handleAcknowledge(message);
      case MessageType.InputStreamData:
        this.resumePublication(false);
        return this.handleStreamData(message);
      case MessageType.StartPublication:
        return this.resumePublication(false);
      case MessageType.PausePublication:
        this.paused = true;
        return;
      default:
        this.opts.log(`session ${this.opts.sessionId}: ignoring ${message.messageType} from the client`);
    }
  }

  private handleAcknowledge(message: DecodedMessage): void {
    const ack = parseAcknowledge(message.payload);
    if (!ack.ok) {
      this.opts.log(`session ${this.opts.sessionId}: ${ack.error}`);
      return;
    }
    this.resumePublication(false);
    const previousHead = this.outgoing.head();
    const removed = this.outgoing.acknowledge(ack.value.AcknowledgedMessageSequenceNumber, performance.now());
    if (!removed) return;
    if (removed === previousHead) {
      // The head moved: if the new head has already outlived its RTO, resend it now rather than at
      // the next scan tick. Same rule as the agent's scan, without its 100 ms quantisation.
      const due = this.outgoing.dueForResend(performance.now());
      if (due) this.transmit(due);
    }
    if (this.aboveHighWatermark && this.outgoing.size <= BACKLOG_LOW_WATERMARK) {
      this.aboveHighWatermark = false;
      for (const listener of this.drainListeners) listener();
    }
  }

  private handleStreamData(message: DecodedMessage): void {
    const seq = message.sequenceNumber;
    if (seq < this.incoming.expected) {
      this.acknowledge(message); // the agent re-acks duplicates
      return;
    }
    if (seq === this.incoming.expected && !this.opts.canAccept(message)) return; // not ready: no ack
    const outcome = this.incoming.offer(seq, message);
    if (outcome.kind === 'overflow') return;
    this.acknowledge(message);
    if (outcome.kind === 'deliver') for (const item of outcome.items) this.opts.onStreamMessage(item);
  }
}
