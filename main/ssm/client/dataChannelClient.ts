// Fumidai's Session Manager data-channel client (what session-manager-plugin does, in-process):
// the WebSocket to StreamUrl, the open frame, acknowledgements, in-order delivery, head-first
// retransmission with an adaptive RTO, the handshake, keep-alive, and automatic resume through
// ResumeSession after a dropped socket or a laptop sleep — without losing or repeating a byte.
// The protocol details live in main/ssm/protocol; this file is the connection's state machine.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import {
  AGENT_SEALED_TYPES,
  ActionStatus,
  CLIENT_SEALED_TYPES,
  HeaderFlag,
  MessageType,
  PayloadSealer,
  dataKeyContext,
  OutgoingBuffer,
  PayloadType,
  ReceiveWindow,
  answerHandshake,
  buildOpenDataChannel,
  decodeMessage,
  encodeAcknowledge,
  encodeJson,
  encodeMessage,
  parseAcknowledge,
  parseChannelClosed,
  parseExitCode,
  parseHandshakeComplete,
  parseHandshakeRequest,
  type DecodedMessage,
  type HandshakeRequest,
  type KmsEncryptionActionParameters,
  type ProcessedClientAction,
} from '../protocol';
import { Emitter, type Event } from '../../../common/event';
import { FumidaiError } from '../../../common/api/errors';
import { WriteBatching } from '../protocol/writeBatching';
import { MessagePacer, DEFAULT_MESSAGE_BURST, DEFAULT_MESSAGES_PER_SECOND } from './messagePacer';

/** The version we report. The agent picks features by it (smux ≥ 1.1.70, no smux keep-alive > 1.2.331.0). */
export const CLIENT_VERSION = '1.2.677.0';

export type ChannelState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface HandshakeInfo {
  agentVersion: string;
  sessionType?: string;
  properties: Record<string, unknown> | null;
  /** True when the session's data is encrypted with a KMS data key. */
  encrypted?: boolean;
}

/** The base64 challenge in an EncChallengeRequest, or undefined if it is not one. */
function parseChallenge(payload: Uint8Array): string | undefined {
  try {
    const value = JSON.parse(Buffer.from(payload).toString('utf8')) as { Challenge?: unknown };
    return typeof value.Challenge === 'string' && value.Challenge ? value.Challenge : undefined;
  } catch {
    return undefined;
  }
}

/** The English for code ended-while-disconnected (the window's English catalog says the same). */
export const ENDED_WHILE_DISCONNECTED = 'The session ended while the connection was down.';

export interface ChannelEnd {
  /** 'closed' by the service (session over), 'terminated' by us, 'failed' when it could not be kept alive. */
  reason: 'closed' | 'terminated' | 'failed';
  output?: string;
  /** Set when Fumidai words the end itself (`output` then holds its English): see RECORDING_END_CODES. */
  code?: 'ended-while-disconnected';
  exitCode?: number;
  error?: FumidaiError;
}

export interface DataChannelOptions {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
  /** ResumeSession: a fresh token for the same session, or undefined when the session is gone. */
  resume(): Promise<string | undefined>;
  /** Give up reconnecting after this long (default 2 minutes). */
  reconnectDeadlineMs?: number;
  /** Keep-alive ping interval; a missing pong for `livenessTimeoutMs` means the socket is dead. */
  pingIntervalMs?: number;
  livenessTimeoutMs?: number;
  /** Limit on unacknowledged outgoing messages; beyond it writes queue and `writable` turns false. */
  maxInFlight?: number;
  /**
   * Sustained rate of our sequenced messages (default 900/s, below the service's ~1000/s limit)
   * and the burst allowed above it (default 64). `Infinity` turns pacing off.
   */
  maxMessagesPerSecond?: number;
  messageBurst?: number;
  /**
   * While the consumer is saturated (`setReceiving(false)`), up to this many in-order messages are
   * kept unacknowledged (default 100,000, the real agent's own buffer); beyond it new output is
   * dropped unacknowledged and the agent retransmits it later. The default must not be lower than
   * the agent's window: a real agent resends only the head of its buffer, one message per RTO, so
   * anything dropped below that would come back at a few messages a second.
   */
  holdLimitMessages?: number;
  /** The ClientVersion we report (default CLIENT_VERSION); agents pick features by it. */
  clientVersion?: string;
  /**
   * Give up when the agent has not acknowledged our oldest message for this long while connected
   * (default 5 minutes, like the plugin's 3000 resends); `terminate` is then called once.
   */
  maxUnacknowledgedMs?: number;
  terminate?: () => Promise<void>;
  log?: (message: string) => void;
  /**
   * KMS GenerateDataKey with the user's role credentials, for accounts whose Session Manager
   * preferences encrypt sessions. Without it such a session fails with a clear message.
   */
  dataKeys?: DataKeySource;
  /** The StartSession Target, which KMS binds the data key to. */
  targetId?: string;
  /** For tests: how the socket is created. */
  createSocket?: (url: string) => WebSocket;
}

export interface DataKeySource {
  generate(request: { keyId: string; context: Record<string, string> }): Promise<{ ciphertext: Uint8Array; plaintext: Uint8Array }>;
}

interface Outgoing {
  frame: Buffer;
  payloadType: number;
}

interface QueuedInput {
  payloadType: number;
  payload: Buffer;
}

export class DataChannelClient {
  readonly clientId = randomUUID();
  private ws: WebSocket | undefined;
  /** Frames written in one turn go out in one socket write (see WriteBatching). */
  private batching: WriteBatching | undefined;
  private stateValue: ChannelState = 'connecting';
  private readonly outgoing = new OutgoingBuffer<Outgoing>(Number.MAX_SAFE_INTEGER, 'refuse');
  private readonly incoming = new ReceiveWindow<DecodedMessage>(10_000);
  private readonly queued: QueuedInput[] = [];
  private nextSequence = 0;
  private resendTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private lastPongAt = 0;
  private lastTickWall = Date.now();
  private reconnecting: Promise<void> | undefined;
  private ended = false;
  private readonly maxInFlight: number;
  private readonly pacer: MessagePacer | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  /** In-order output held (unacknowledged) while the consumer is saturated; see setReceiving. */
  private held: DecodedMessage[] = [];
  private readonly holdLimit: number;
  readonly clientVersion: string;
  private handshakeInfo: HandshakeInfo | undefined;
  /** Set once a KMS-encrypted session's data key is agreed (see sessionEncryption.ts). */
  private sealer: PayloadSealer | undefined;
  private openedAtMs = 0;

  private readonly didReceive = new Emitter<{ payloadType: number; payload: Buffer }>();
  /** Output, StdErr and ExitCode payloads in order (handshake and flags are handled here or below). */
  readonly onDidReceive: Event<{ payloadType: number; payload: Buffer }> = this.didReceive.event;
  private readonly didReceiveFlag = new Emitter<number>();
  readonly onDidReceiveFlag: Event<number> = this.didReceiveFlag.event;
  private readonly didHandshake = new Emitter<HandshakeInfo>();
  readonly onDidHandshake: Event<HandshakeInfo> = this.didHandshake.event;
  private readonly didCompleteHandshake = new Emitter<string>();
  /** HandshakeComplete, with the agent's CustomerMessage. */
  readonly onDidCompleteHandshake: Event<string> = this.didCompleteHandshake.event;
  private readonly didChangeState = new Emitter<ChannelState>();
  readonly onDidChangeState: Event<ChannelState> = this.didChangeState.event;
  private readonly didEnd = new Emitter<ChannelEnd>();
  readonly onDidEnd: Event<ChannelEnd> = this.didEnd.event;
  private readonly didDrain = new Emitter<void>();
  /** Fires when queued writes have gone out and the caller may write again. */
  readonly onDidDrain: Event<void> = this.didDrain.event;

  /** Statistics for the UI and benchmarks. */
  readonly stats = { reconnects: 0, bytesIn: 0, bytesOut: 0, retransmissions: 0, invalidFrames: 0 };

  constructor(private readonly opts: DataChannelOptions) {
    this.maxInFlight = opts.maxInFlight ?? 4096;
    const rate = opts.maxMessagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND;
    this.pacer = Number.isFinite(rate) ? new MessagePacer(rate, opts.messageBurst ?? DEFAULT_MESSAGE_BURST) : undefined;
    this.holdLimit = opts.holdLimitMessages ?? 100_000;
    this.clientVersion = opts.clientVersion ?? CLIENT_VERSION;
  }

  /** What the agent announced in its HandshakeRequest (undefined for shells without a handshake). */
  get handshake(): HandshakeInfo | undefined {
    return this.handshakeInfo;
  }

  get state(): ChannelState {
    return this.stateValue;
  }

  /** False while writes are queued behind unacknowledged ones (back-pressure for producers). */
  get writable(): boolean {
    return this.queued.length === 0 && this.outgoing.size < this.maxInFlight;
  }

  get unacknowledged(): number {
    return this.outgoing.size;
  }

  /** Opens the channel; resolves once the open frame is sent, rejects if the first connection fails. */
  async open(): Promise<void> {
    await this.connect(this.opts.tokenValue);
    this.resendTimer = setInterval(() => this.onTick(), 100);
    this.resendTimer.unref?.();
    const pingMs = this.opts.pingIntervalMs ?? 20_000;
    this.pingTimer = setInterval(() => this.ping(), pingMs);
    this.pingTimer.unref?.();
  }

  /** Sends one sequenced input message (callers chunk; see sessions). */
  send(payloadType: number, payload: Buffer): void {
    if (this.ended) return;
    const item: QueuedInput = { payloadType, payload };
    if (!this.writable || (this.pacer && !this.pacer.tryTake())) {
      this.queued.push(item);
      this.scheduleFlush();
      return;
    }
    this.enqueue(item);
  }

  /** Ends the channel from our side (after TerminateSession or a TerminateSession flag). */
  close(end: ChannelEnd = { reason: 'terminated' }): void {
    this.finish(end);
  }

  // ---- connection ------------------------------------------------------------------------------

  private connect(token: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ws = this.opts.createSocket?.(this.opts.streamUrl) ?? new WebSocket(this.opts.streamUrl, { perMessageDeflate: false, handshakeTimeout: 15_000 });
      let opened = false;
      ws.once('upgrade', (res: IncomingMessage) => {
        if (res.socket instanceof Socket) this.batching = new WriteBatching(res.socket);
      });
      ws.on('open', () => {
        opened = true;
        this.ws = ws;
        this.lastPongAt = Date.now();
        this.openedAtMs = performance.now();
        ws.send(buildOpenDataChannel({ tokenValue: token, clientId: this.clientId, clientVersion: this.clientVersion }));
        this.setState('open');
        // Everything unacknowledged goes out again on the new socket, in order.
        for (const entry of this.outgoing.all()) this.transmit(entry);
        this.flushQueue();
        resolve();
      });
      ws.on('message', (data: Buffer) => this.onFrame(data));
      ws.on('pong', () => (this.lastPongAt = Date.now()));
      ws.on('error', (e) => {
        this.opts.log?.(`data channel socket error: ${e.message}`);
        if (!opened) reject(e);
      });
      ws.on('close', (code) => {
        if (this.ws === ws) {
          this.ws = undefined;
          this.batching = undefined;
        }
        if (!opened) return reject(new Error(`the data channel closed before it opened (code ${code})`));
        if (!this.ended) this.startReconnect(`socket closed (code ${code})`);
      });
    });
  }

  private startReconnect(why: string): void {
    if (this.reconnecting || this.ended) return;
    this.opts.log?.(`data channel lost: ${why}; resuming session ${this.opts.sessionId}`);
    this.setState('reconnecting');
    this.stats.reconnects += 1;
    const deadline = Date.now() + (this.opts.reconnectDeadlineMs ?? 120_000);
    this.reconnecting = (async () => {
      let delay = 100 + Math.floor(Math.random() * 100);
      while (!this.ended) {
        try {
          const token = await this.opts.resume();
          if (!token) {
            this.finish({ reason: 'closed', output: ENDED_WHILE_DISCONNECTED, code: 'ended-while-disconnected' });
            return;
          }
          await this.connect(token);
          return;
        } catch (e) {
          if (e instanceof FumidaiError && (e.code === 'AccessDenied' || e.code === 'SsoExpired' || e.code === 'NotFound')) {
            this.finish({ reason: 'failed', error: e });
            return;
          }
          if (Date.now() + delay > deadline) {
            this.finish({ reason: 'failed', error: new FumidaiError('Network', `Could not reconnect to the session (${(e as Error).message}).`) });
            return;
          }
          await new Promise((r) => setTimeout(r, delay));
          delay = Math.min(delay * 2, 5_000);
        }
      }
    })().finally(() => (this.reconnecting = undefined));
  }

  private ping(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    // A socket that stopped answering pings is dead even if the OS has not noticed (sleep, NAT).
    if (Date.now() - this.lastPongAt > (this.opts.pingIntervalMs ?? 20_000) + (this.opts.livenessTimeoutMs ?? 15_000)) {
      ws.terminate();
      return;
    }
    ws.ping('keepalive');
  }

  private onTick(): void {
    const wall = Date.now();
    // A jump in wall-clock time means the machine slept: the socket is probably dead, check now.
    if (wall - this.lastTickWall > 5_000 && this.ws) {
      this.lastPongAt = Math.min(this.lastPongAt, wall - (this.opts.pingIntervalMs ?? 20_000));
      this.ws.ping('keepalive');
      const ws = this.ws;
      setTimeout(() => {
        if (this.ws === ws && Date.now() - this.lastPongAt > 2_000) ws.terminate();
      }, this.opts.livenessTimeoutMs ?? 3_000).unref?.();
    }
    this.lastTickWall = wall;
    const now = performance.now();
    const head = this.outgoing.head();
    const giveUpMs = this.opts.maxUnacknowledgedMs ?? 300_000;
    // Time without an acknowledgement counts only while connected (a resume is not the agent's fault).
    if (head?.firstSentMs !== undefined && this.stateValue === 'open' && now - Math.max(head.firstSentMs, this.openedAtMs) > giveUpMs) {
      this.opts.log?.(`the agent has not acknowledged message ${head.sequenceNumber} for ${Math.round(giveUpMs / 1000)} s; ending session ${this.opts.sessionId}`);
      void this.opts.terminate?.().catch((e: Error) => this.opts.log?.(`TerminateSession failed: ${e.message}`));
      this.finish({ reason: 'failed', error: new FumidaiError('Network', 'The instance stopped acknowledging input; the session was ended.') });
      return;
    }
    const due = this.outgoing.dueForResend(now);
    if (due) {
      this.stats.retransmissions += 1;
      this.transmit(due);
    }
  }

  // ---- sending ---------------------------------------------------------------------------------

  private enqueue(item: QueuedInput): void {
    // The sequence number is assigned only when the message leaves the queue, so queued writes
    // never create gaps the agent would wait for.
    const sequenceNumber = this.nextSequence++;
    const payload = this.sealer && CLIENT_SEALED_TYPES.has(item.payloadType) ? this.sealer.seal(item.payload) : item.payload;
    const frame = encodeMessage({ messageType: MessageType.InputStreamData, payloadType: item.payloadType, sequenceNumber, flags: HeaderFlag.None, payload });
    const entry = this.outgoing.add(sequenceNumber, { frame, payloadType: item.payloadType })!;
    this.stats.bytesOut += item.payload.length;
    this.transmit(entry);
  }

  private transmit(entry: { item: Outgoing; lastSentMs: number | undefined; firstSentMs: number | undefined; attempts: number; sequenceNumber: number }): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    this.outgoing.markSent(entry, performance.now());
    this.batching?.beforeWrite();
    ws.send(entry.item.frame);
  }

  private flushQueue(): void {
    let flushed = false;
    let taken = 0;
    while (this.queued.length > taken && this.outgoing.size < this.maxInFlight && (!this.pacer || this.pacer.tryTake())) {
      this.enqueue(this.queued[taken++]!);
      flushed = true;
    }
    if (taken > 0) this.queued.splice(0, taken);
    // Still blocked only by the pacer: try again when the next token is due.
    if (this.queued.length > 0 && this.outgoing.size < this.maxInFlight) this.scheduleFlush();
    if (flushed && this.writable) this.didDrain.fire();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.ended || !this.pacer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (!this.ended) this.flushQueue();
    }, Math.max(1, this.pacer.msUntilNext()));
  }

  private ack(message: DecodedMessage): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    this.batching?.beforeWrite();
    ws.send(encodeMessage({ messageType: MessageType.Acknowledge, payloadType: 0, flags: HeaderFlag.NonSequenced, payload: encodeAcknowledge(message) }));
  }

  // ---- receiving -------------------------------------------------------------------------------

  private onFrame(data: Buffer): void {
    const decoded = decodeMessage(data, { strict: false });
    if (!decoded.ok) {
      // Invalid frames are dropped without an ack; the agent will retransmit.
      this.stats.invalidFrames += 1;
      this.opts.log?.(`dropped an invalid frame: ${decoded.detail}`);
      return;
    }
    const message = decoded.message;
    switch (message.messageType) {
      case MessageType.Acknowledge: {
        const ack = parseAcknowledge(message.payload);
        if (ack.ok) {
          const wasFull = this.outgoing.size >= this.maxInFlight;
          this.outgoing.acknowledge(ack.value.AcknowledgedMessageSequenceNumber, performance.now());
          if (this.queued.length) this.flushQueue();
          else if (wasFull && this.writable) this.didDrain.fire(); // a writer stopped at the in-flight limit
        }
        return;
      }
      case MessageType.OutputStreamData:
        this.onStreamData(message);
        return;
      case MessageType.ChannelClosed: {
        const parsed = parseChannelClosed(message.payload);
        const info = parsed.ok ? (parsed.value as { Output?: string; ExitCode?: number }) : {};
        this.finish({ reason: 'closed', output: info.Output || undefined, exitCode: typeof info.ExitCode === 'number' ? info.ExitCode : undefined });
        return;
      }
      default:
        // start_publication / pause_publication: nothing to do for a client.
        return;
    }
  }

  /**
   * The receive side of §5.2. While the consumer is saturated, in-order output is held without an
   * acknowledgement — the protocol's only back-pressure: the agent's unacknowledged window fills
   * and it stops reading its producer. Held output is acknowledged and delivered on
   * setReceiving(true), so nothing has to be retransmitted; past the hold limit, output is
   * dropped unacknowledged and the agent's retransmission brings it back later.
   */
  private onStreamData(message: DecodedMessage): void {
    const seq = message.sequenceNumber;
    if (seq < this.incoming.expected) {
      // Duplicates are re-acked (a lost ack never causes endless resends) — except held ones,
      // whose acknowledgement is the back-pressure signal.
      if (this.held.length === 0 || seq < this.held[0]!.sequenceNumber) this.ack(message);
      return;
    }
    if (!this.receiving && this.held.length >= this.holdLimit) return;
    const outcome = this.incoming.offer(seq, message);
    if (outcome.kind === 'overflow') return;
    if (outcome.kind !== 'deliver') {
      this.ack(message); // early messages are acknowledged and kept, as the plugin does
      return;
    }
    for (const item of outcome.items) {
      if (this.receiving && this.held.length === 0) {
        this.ack(item);
        this.deliver(item);
      } else {
        this.held.push(item);
      }
    }
  }

  private deliver(message: DecodedMessage): void {
    this.stats.bytesIn += message.payload.length;
    switch (message.payloadType) {
      case PayloadType.HandshakeRequest: {
        const request = parseHandshakeRequest(message.payload);
        if (!request.ok) {
          this.opts.log?.(request.error);
          return;
        }
        const kms = request.value.RequestedClientActions.find((a) => a.ActionType === 'KMSEncryption');
        if (kms) {
          void this.answerEncryptedHandshake(request.value, kms.ActionParameters as Partial<KmsEncryptionActionParameters> | null);
          return;
        }
        const answer = answerHandshake(request.value, this.clientVersion);
        this.send(PayloadType.HandshakeResponse, encodeJson(answer.response));
        this.handshakeInfo = { agentVersion: request.value.AgentVersion, sessionType: answer.sessionType, properties: answer.properties ?? null };
        this.didHandshake.fire(this.handshakeInfo);
        return;
      }
      case PayloadType.EncChallengeRequest: {
        const challenge = parseChallenge(message.payload);
        if (!this.sealer || !challenge) return this.failEncryption('The instance sent an encryption challenge Fumidai could not read; the session was closed.');
        try {
          this.send(PayloadType.EncChallengeResponse, encodeJson({ Challenge: this.sealer.answerChallenge(challenge) }));
        } catch {
          this.failEncryption('The instance’s encryption challenge did not open with the session key; the session was closed.');
        }
        return;
      }
      case PayloadType.HandshakeComplete: {
        const complete = parseHandshakeComplete(message.payload);
        this.didCompleteHandshake.fire(complete.ok ? (complete.value.CustomerMessage ?? '') : '');
        return;
      }
      case PayloadType.Flag:
        if (message.payload.length >= 4) this.didReceiveFlag.fire(message.payload.readUInt32BE(0));
        return;
      case PayloadType.ExitCode: {
        const payload = this.opened(message);
        if (!payload) return;
        const code = parseExitCode(payload);
        if (code.ok) this.pendingExitCode = code.value;
        this.didReceive.fire({ payloadType: message.payloadType, payload });
        return;
      }
      default: {
        const payload = this.opened(message);
        if (payload) this.didReceive.fire({ payloadType: message.payloadType, payload });
      }
    }
  }

  /** Whether the session's data is encrypted with a KMS data key. */
  get encrypted(): boolean {
    return this.sealer !== undefined;
  }

  /** The payload as sent, opened first when the session is encrypted (undefined if it would not open). */
  private opened(message: DecodedMessage): Buffer | undefined {
    if (!this.sealer || !AGENT_SEALED_TYPES.has(message.payloadType)) return message.payload;
    try {
      return this.sealer.open(message.payload);
    } catch {
      this.failEncryption('Session data from the instance failed its integrity check (AES-GCM); the session was closed so nothing altered reaches the terminal.');
      return undefined;
    }
  }

  /**
   * A HandshakeRequest with KMSEncryption: ask KMS for a 64-byte data key bound to this session,
   * target and the agent's challenge, and hand the agent its ciphertext. A refusal from KMS is
   * answered as the plugin does (action Failed, so the agent ends the session) and reported to
   * the user with what to ask for.
   */
  private async answerEncryptedHandshake(request: HandshakeRequest, params: Partial<KmsEncryptionActionParameters> | null): Promise<void> {
    const others: HandshakeRequest = { ...request, RequestedClientActions: request.RequestedClientActions.filter((a) => a.ActionType !== 'KMSEncryption') };
    const answer = answerHandshake(others, this.clientVersion);
    const keyId = typeof params?.KMSKeyId === 'string' ? params.KMSKeyId : '';
    const challenge = typeof params?.Challenge === 'string' && params.Challenge ? params.Challenge : undefined;
    let result: ProcessedClientAction;
    let failure: FumidaiError | undefined;
    if (!keyId || !this.opts.dataKeys || !this.opts.targetId) {
      failure = new FumidaiError('NotSupported', `This account's Session Manager preferences encrypt sessions with KMS${keyId ? ` key ${keyId}` : ''}, and this connection cannot request a data key.`);
      result = { ActionType: 'KMSEncryption', ActionStatus: ActionStatus.Failed, ActionResult: null, Error: `Failed to process action KMSEncryption: ${failure.message}` };
    } else {
      try {
        const key = await this.opts.dataKeys.generate({ keyId, context: dataKeyContext(this.opts.sessionId, this.opts.targetId, challenge) });
        this.sealer = new PayloadSealer(key.plaintext, 'client');
        key.plaintext.fill(0);
        result = {
          ActionType: 'KMSEncryption',
          ActionStatus: ActionStatus.Success,
          ActionResult: { KMSCipherTextKey: Buffer.from(key.ciphertext).toString('base64'), KMSCipherTextHash: null, ...(challenge ? { ChallengeAcknowledgement: true } : {}) },
          Error: '',
        };
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        const denied = e instanceof FumidaiError ? e.code === 'AccessDenied' : /AccessDenied|not authorized/i.test(`${(e as { name?: string }).name} ${why}`);
        failure = new FumidaiError(
          denied ? 'AccessDenied' : 'Network',
          denied
            ? `Session Manager in this account encrypts sessions with KMS key ${keyId}, and your role may not use it (kms:GenerateDataKey). Ask for access to the key, or choose a role that has it. AWS said: ${why}`
            : `Could not get a data key from KMS for key ${keyId}: ${why}`,
        );
        result = { ActionType: 'KMSEncryption', ActionStatus: ActionStatus.Failed, ActionResult: null, Error: `Failed to process action KMSEncryption: ${why}` };
      }
    }
    if (this.ended) return;
    const processed = [...answer.response.ProcessedClientActions];
    processed.splice(request.RequestedClientActions.findIndex((a) => a.ActionType === 'KMSEncryption'), 0, result);
    const errors = [...(answer.response.Errors ?? []), ...(result.Error ? [result.Error] : [])];
    this.send(PayloadType.HandshakeResponse, encodeJson({ ...answer.response, ProcessedClientActions: processed, Errors: errors.length ? errors : null }));
    this.handshakeInfo = { agentVersion: request.AgentVersion, sessionType: answer.sessionType, properties: answer.properties ?? null, encrypted: !failure };
    this.didHandshake.fire(this.handshakeInfo);
    if (failure) this.finish({ reason: 'failed', error: failure });
  }

  private failEncryption(message: string): void {
    this.finish({ reason: 'failed', error: new FumidaiError('Internal', message) });
  }

  private pendingExitCode: number | undefined;
  private receiving = true;

  /** Stops (false) or restarts (true) delivering new output; see onStreamData. */
  setReceiving(receiving: boolean): void {
    this.receiving = receiving;
    // Hand over what was held; the consumer may stop us again while we do.
    while (this.receiving && this.held.length > 0 && !this.ended) {
      const item = this.held.shift()!;
      this.ack(item);
      this.deliver(item);
    }
  }

  /** Whether output is being delivered (false while the consumer holds it back). */
  get isReceiving(): boolean {
    return this.receiving;
  }

  private setState(state: ChannelState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.didChangeState.fire(state);
  }

  private finish(end: ChannelEnd): void {
    if (this.ended) return;
    // Output we held back for a slow consumer is ours already: hand it over before the end.
    const held = this.held;
    this.held = [];
    for (const item of held) this.deliver(item);
    this.ended = true;
    this.sealer?.wipe();
    clearInterval(this.resendTimer);
    clearInterval(this.pingTimer);
    clearTimeout(this.flushTimer);
    const ws = this.ws;
    this.ws = undefined;
    ws?.terminate();
    this.setState('closed');
    this.didEnd.fire({ ...end, exitCode: end.exitCode ?? this.pendingExitCode });
  }
}
