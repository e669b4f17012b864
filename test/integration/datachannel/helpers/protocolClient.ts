// A minimal Session Manager client for tests, built only on main/ssm/protocol: open frame, acks,
// receive window, head-first retransmission, handshake answers, and resume on socket loss.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import {
  HeaderFlag,
  MessageType,
  OutgoingBuffer,
  PayloadType,
  RETRANSMISSION_DEFAULTS,
  ReceiveWindow,
  STREAM_DATA_PAYLOAD_SIZE,
  answerHandshake,
  buildOpenDataChannel,
  chunkBytes,
  decodeMessage,
  encodeAcknowledge,
  encodeJson,
  encodeMessage,
  encodeSize,
  parseAcknowledge,
  parseChannelClosed,
  parseHandshakeComplete,
  parseHandshakeRequest,
  type DecodedMessage,
  type HandshakeRequest,
  type HandshakeResponse,
} from '../../../../main/ssm/protocol';

export interface ClientOptions {
  streamUrl: string;
  tokenValue: string;
  /** Called when the socket dies: returns a fresh token (ResumeSession). Without it, no resume. */
  resume?: () => string | Promise<string>;
  clientVersion?: string;
  /** How often the head of the outgoing buffer is checked (ms). */
  resendScanMs?: number;
  /** Overrides the handshake answer (to test rejections). */
  answerHandshake?: (request: HandshakeRequest) => HandshakeResponse;
}

export interface ClosedInfo {
  Output?: string;
  ExitCode?: number;
  SessionId?: string;
}

export class TestClient {
  readonly clientId = randomUUID();
  private ws: WebSocket | undefined;
  private readonly outgoing = new OutgoingBuffer<Buffer>(1_000_000, 'refuse', { ...RETRANSMISSION_DEFAULTS });
  private readonly incoming = new ReceiveWindow<DecodedMessage>(1_000_000);
  private nextSequence = 0;
  private timer: NodeJS.Timeout;
  private finished = false;
  private chunks: Buffer[] = [];
  private totalBytes = 0;
  private waiters: Array<() => void> = [];
  private closedResolve!: (info: ClosedInfo) => void;
  readonly closed: Promise<ClosedInfo>;
  private handshakeResolve!: (info: { properties: Record<string, unknown> | null; sessionType?: string; agentVersion: string }) => void;
  readonly handshake: Promise<{ properties: Record<string, unknown> | null; sessionType?: string; agentVersion: string }>;
  readonly controlMessages: string[] = [];
  /** Decode errors of frames the client dropped. */
  readonly invalidFrames: string[] = [];
  /** Date.now() when each control message arrived (same order as controlMessages). */
  readonly controlTimes: number[] = [];
  /** Sequence numbers the agent acknowledged. */
  readonly ackedSequences: number[] = [];
  readonly flags: number[] = [];
  readonly payloadTypes: number[] = [];
  reconnects = 0;
  firstMessage: DecodedMessage | undefined;
  handshakeCompleted = false;
  socketCloseCodes: number[] = [];
  /** Raw bytes of every Output/StdErr/ExitCode payload, in order. */
  onPayload: ((payloadType: number, payload: Buffer) => void) | undefined;

  constructor(private readonly opts: ClientOptions) {
    this.closed = new Promise((r) => (this.closedResolve = r));
    this.handshake = new Promise((r) => (this.handshakeResolve = r));
    this.timer = setInterval(() => this.resendHead(), opts.resendScanMs ?? 10);
  }

  async connect(token = this.opts.tokenValue): Promise<void> {
    const ws = new WebSocket(this.opts.streamUrl, { perMessageDeflate: false });
    this.ws = ws;
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onFrame(data, isBinary));
    ws.on('close', (code) => {
      this.socketCloseCodes.push(code);
      if (this.ws === ws) this.ws = undefined;
      if (!this.finished && this.opts.resume && code !== 1008) void this.reconnect();
    });
    ws.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(buildOpenDataChannel({ tokenValue: token, clientId: this.clientId, clientVersion: this.opts.clientVersion ?? '1.2.677.0' }));
    for (const entry of this.outgoing.all()) this.transmit(entry);
  }

  private async reconnect(): Promise<void> {
    this.reconnects += 1;
    const token = await this.opts.resume!();
    await this.connect(token);
  }

  get text(): string {
    return this.bytes().toString('utf8');
  }

  bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  get receivedBytes(): number {
    return this.totalBytes;
  }

  /** Waits until the collected output satisfies `predicate`. */
  async waitFor(predicate: (client: TestClient) => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far: ${JSON.stringify(this.text.slice(-400))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  waitForText(pattern: RegExp | string, timeoutMs?: number): Promise<void> {
    return this.waitFor((c) => (typeof pattern === 'string' ? c.text.includes(pattern) : pattern.test(c.text)), timeoutMs, `output matching ${String(pattern)}`);
  }

  send(payloadType: number, payload: Buffer): void {
    const sequenceNumber = this.nextSequence++;
    const frame = encodeMessage({ messageType: MessageType.InputStreamData, payloadType, sequenceNumber, flags: HeaderFlag.None, payload });
    const entry = this.outgoing.add(sequenceNumber, frame)!;
    this.transmit(entry);
  }

  type(text: string): void {
    for (const chunk of chunkBytes(Buffer.from(text), STREAM_DATA_PAYLOAD_SIZE)) this.send(PayloadType.Output, chunk);
  }

  sendBytes(data: Buffer): void {
    for (const chunk of chunkBytes(data, STREAM_DATA_PAYLOAD_SIZE)) this.send(PayloadType.Output, chunk);
  }

  resize(cols: number, rows: number): void {
    this.send(PayloadType.Size, encodeSize({ cols, rows }));
  }

  /** Sends a raw frame as-is (for malformed-input tests). */
  sendRaw(frame: Buffer | string): void {
    this.ws?.send(frame, { binary: typeof frame !== 'string' });
  }

  /** The sequence number the next input message will carry. */
  get nextInputSequence(): number {
    return this.nextSequence;
  }

  get unacknowledged(): number {
    return this.outgoing.size;
  }

  close(): void {
    this.finished = true;
    clearInterval(this.timer);
    this.ws?.terminate();
  }

  /** Drops the socket abruptly (as a network failure would), keeping all state for a resume. */
  dropSocket(): void {
    this.ws?.terminate();
  }

  private transmit(entry: { sequenceNumber: number; item: Buffer; lastSentMs: number | undefined; firstSentMs: number | undefined; attempts: number }): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    this.outgoing.markSent(entry, performance.now());
    ws.send(entry.item);
  }

  private resendHead(): void {
    const due = this.outgoing.dueForResend(performance.now());
    if (due) this.transmit(due);
    else {
      const head = this.outgoing.head();
      if (head && head.lastSentMs === undefined) this.transmit(head);
    }
  }

  private ack(message: DecodedMessage): void {
    this.ws?.send(encodeMessage({ messageType: MessageType.Acknowledge, payloadType: 0, flags: HeaderFlag.NonSequenced, payload: encodeAcknowledge(message) }));
  }

  private onFrame(data: Buffer, _isBinary: boolean): void {
    const decoded = decodeMessage(data, { strict: false });
    if (!decoded.ok) {
      // As the plugin does: log-and-drop; the agent retransmits.
      this.invalidFrames.push(decoded.code);
      return;
    }
    const message = decoded.message;
    switch (message.messageType) {
      case MessageType.Acknowledge: {
        const ack = parseAcknowledge(message.payload);
        if (!ack.ok) throw new Error(ack.error);
        this.ackedSequences.push(ack.value.AcknowledgedMessageSequenceNumber);
        this.outgoing.acknowledge(ack.value.AcknowledgedMessageSequenceNumber, performance.now());
        return;
      }
      case MessageType.OutputStreamData: {
        const outcome = this.incoming.offer(message.sequenceNumber, message);
        if (outcome.kind === 'overflow') return;
        this.ack(message); // re-ack duplicates too
        if (outcome.kind === 'deliver') for (const item of outcome.items) this.deliver(item);
        return;
      }
      case MessageType.ChannelClosed: {
        this.finished = true;
        clearInterval(this.timer);
        const parsed = parseChannelClosed(message.payload);
        this.closedResolve(parsed.ok ? parsed.value : {});
        this.wake();
        return;
      }
      default:
        this.controlMessages.push(message.messageType);
        this.controlTimes.push(Date.now());
        this.wake();
    }
  }

  private deliver(message: DecodedMessage): void {
    this.firstMessage ??= message;
    this.payloadTypes.push(message.payloadType);
    switch (message.payloadType) {
      case PayloadType.HandshakeRequest: {
        const request = parseHandshakeRequest(message.payload);
        if (!request.ok) throw new Error(request.error);
        const answer = answerHandshake(request.value, this.opts.clientVersion ?? '1.2.677.0');
        this.send(PayloadType.HandshakeResponse, encodeJson(this.opts.answerHandshake?.(request.value) ?? answer.response));
        this.handshakeResolve({ properties: answer.properties ?? null, sessionType: answer.sessionType, agentVersion: request.value.AgentVersion });
        return;
      }
      case PayloadType.HandshakeComplete:
        if (!parseHandshakeComplete(message.payload).ok) throw new Error('bad handshake complete');
        this.handshakeCompleted = true;
        this.wake();
        return;
      case PayloadType.Flag:
        this.flags.push(message.payload.readUInt32BE(0));
        this.wake();
        return;
      default:
        this.onPayload?.(message.payloadType, message.payload);
        this.chunks.push(message.payload);
        this.totalBytes += message.payload.length;
        this.wake();
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
