// One session as the agent runs it: the channel, the optional handshake, the handler behind it
// (shell, command or port), and the end of the session (drain, channel_closed, notify the broker).
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import {
  KMS_CUSTOMER_MESSAGE,
  PayloadType,
  agentSmuxKeepAlive,
  agentUsesMux,
  buildSessionTypeRequest,
  encodeJson,
  parseHandshakeResponse,
  type DecodedMessage,
  type RetransmissionTiming,
} from '../../main/ssm/protocol';
import type { AuthorizedSession, Clock } from '../contracts';
import { AgentChannel, type ChannelClosedInfo } from './agentChannel';
import { AgentEncryption, type OpenDataKey } from './agentEncryption';
import { CommandHandler } from './commandHandler';
import { DestinationError, isLoopbackHost } from './destinations';
import { handshakeProperties, resolveParameters, type DocumentInfo } from './documents';
import type { DataChannelFaults } from './faults';
import type { Endpoint, InstanceServices } from './instanceServices';
import { MuxPortHandler } from './muxPortHandler';
import { PortHandler } from './portHandler';
import type { SessionHandler, StreamSink } from './sessionHandler';
import { ShellHandler, type ShellIdentity } from './shellHandler';

export const HANDSHAKE_TIMEOUT_MS = 15_000;
/** The agent waits this long (while a client is connected) for its buffer to drain at the end. */
const END_DRAIN_CONNECTED_MS = 2_000;
const END_DRAIN_MAX_MS = 120_000;

export interface AgentSessionDeps {
  clock: Clock;
  log: (message: string) => void;
  agentVersion: string;
  hostname: string;
  services: Promise<InstanceServices>;
  resolveSshEndpoint?: (instanceId: string) => Endpoint | undefined;
  timing?: Partial<RetransmissionTiming>;
  handshakeTimeoutMs?: number;
  openDataKey?: OpenDataKey;
  onEnded: (sessionId: string, atMs: number) => void;
}

type State = 'waiting' | 'handshaking' | 'challenging' | 'running' | 'ending' | 'ended';

export class AgentSession {
  readonly channel: AgentChannel;
  private state: State = 'waiting';
  private handler: SessionHandler | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private handshakeStartedNs = 0n;
  private services: InstanceServices | undefined;
  private readonly params: Record<string, string>;
  /** KMS encryption, when the account's preferences name a key (shells only, never Port). */
  private readonly encryption: AgentEncryption | undefined;

  constructor(
    readonly auth: AuthorizedSession,
    private readonly document: DocumentInfo,
    private readonly deps: AgentSessionDeps,
  ) {
    this.params = resolveParameters(document, auth.parameters);
    this.encryption =
      auth.kmsKeyId && (document.kind === 'shell' || document.kind === 'interactive-command')
        ? new AgentEncryption(auth.kmsKeyId, auth.sessionId, auth.target.instanceId, deps.openDataKey)
        : undefined;
    this.channel = new AgentChannel({
      sessionId: auth.sessionId,
      targetId: auth.target.instanceId,
      clock: deps.clock,
      log: deps.log,
      timing: deps.timing,
      canAccept: (m) => this.canAccept(m),
      onStreamMessage: (m) => this.onStreamMessage(m),
    });
  }

  get isEnded(): boolean {
    return this.state === 'ended';
  }

  get isActive(): boolean {
    return this.state !== 'ended' && this.state !== 'ending';
  }

  attach(ws: WebSocket, connectionIndex: number, faults: DataChannelFaults | undefined, socket?: Duplex): void {
    this.channel.attach(ws, connectionIndex, faults, socket);
    if (this.state === 'waiting') void this.begin();
  }

  /** TerminateSession (API or the client's flag on an old agent): end now, no drain. */
  terminate(output = ''): void {
    if (this.state === 'ended') return;
    this.finish({ output });
  }

  /** Broker shutdown: stops the handler and socket; resolves when processes are gone (≤2 s). */
  async dispose(): Promise<void> {
    this.handler?.dispose();
    this.channel.dispose();
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.state = 'ended';
    const stopped = this.handler?.stopped() ?? Promise.resolve();
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  private async begin(): Promise<void> {
    const handshake = this.document.handshake || this.encryption !== undefined;
    this.state = handshake ? 'handshaking' : 'running';
    try {
      this.services = await this.deps.services;
    } catch (error) {
      this.finish({ output: `The instance's services could not start: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if ((this.state as State) === 'ended') return; // terminated while the services started
    if (!handshake) {
      this.startHandler(undefined);
      return;
    }
    this.handshakeStartedNs = process.hrtime.bigint();
    const request = buildSessionTypeRequest(this.deps.agentVersion, this.document.sessionType, handshakeProperties(this.document, this.params));
    if (this.encryption) request.RequestedClientActions.push(this.encryption.action());
    this.channel.send(PayloadType.HandshakeRequest, encodeJson(request));
    this.handshakeTimer = setTimeout(() => {
      if (this.state === 'handshaking' || this.state === 'challenging') this.finish({ output: 'Handshake timed out. Please ensure that you have the latest version of the session manager plugin.' });
    }, this.deps.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS);
    this.handshakeTimer.unref();
  }

  private canAccept(message: DecodedMessage): boolean {
    if (this.state === 'handshaking' || this.state === 'challenging') return true; // handshake messages, or data acked and discarded
    if (this.state === 'running') return this.handler?.canAccept(message.payloadType) ?? false;
    return this.state === 'ending';
  }

  private onStreamMessage(message: DecodedMessage): void {
    if (this.state === 'handshaking') {
      if (message.payloadType !== PayloadType.HandshakeResponse) return; // agent discards early data
      const response = parseHandshakeResponse(message.payload);
      if (!response.ok) {
        this.finish({ output: `Handshake failed: ${response.error}` });
        return;
      }
      const failed = response.value.ProcessedClientActions.filter((a) => a.ActionStatus !== 1);
      if (failed.length > 0 || response.value.ProcessedClientActions.length === 0) {
        const errors = response.value.Errors?.join('; ') || failed.map((a) => a.Error).join('; ') || 'no client action was processed';
        this.finish({ output: `Handshake failed: ${errors}` });
        return;
      }
      this.clientVersion = response.value.ClientVersion;
      if (this.encryption) {
        const kms = response.value.ProcessedClientActions.find((a) => a.ActionType === 'KMSEncryption');
        const accepted = this.encryption.accept(kms?.ActionResult);
        if (!accepted.ok) {
          this.finish({ output: accepted.error });
          return;
        }
        this.state = 'challenging';
        this.channel.send(PayloadType.EncChallengeRequest, accepted.challenge);
        return;
      }
      this.completeHandshake('');
      return;
    }
    if (this.state === 'challenging') {
      if (message.payloadType !== PayloadType.EncChallengeResponse) return;
      if (!this.encryption?.verify(message.payload)) {
        this.finish({ output: 'Encryption challenge failed: the client does not hold the session data key.' });
        return;
      }
      this.completeHandshake(KMS_CUSTOMER_MESSAGE);
      return;
    }
    if (this.state === 'running') {
      let payload = message.payload;
      try {
        payload = this.encryption ? this.encryption.openIncoming(message.payloadType, payload) : payload;
      } catch (error) {
        this.deps.log(`session ${this.auth.sessionId}: ${error instanceof Error ? error.message : String(error)}`);
        this.finish({ output: 'Session data from the client failed its integrity check; the session was closed.' });
        return;
      }
      this.handler?.handle(message.payloadType, payload);
    }
  }

  private clientVersion: string | undefined;

  private completeHandshake(customerMessage: string): void {
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    const elapsedNs = Number(process.hrtime.bigint() - this.handshakeStartedNs);
    this.channel.send(PayloadType.HandshakeComplete, encodeJson({ HandshakeTimeToComplete: elapsedNs, CustomerMessage: customerMessage }));
    this.state = 'running';
    this.startHandler(this.clientVersion);
  }

  private sink(): StreamSink {
    return {
      send: (payloadType, payload) => this.channel.send(payloadType, this.encryption ? this.encryption.sealOutgoing(payloadType, payload) : payload),
      isCongested: () => this.channel.isCongested(),
      onDrain: (listener) => this.channel.onDrain(listener),
      end: (info) => this.end(info),
      log: (m) => this.deps.log(`session ${this.auth.sessionId}: ${m}`),
    };
  }

  private identity(): ShellIdentity {
    return { osUser: this.auth.runAsUser || 'ssm-user', hostname: this.deps.hostname, rootDir: this.auth.target.rootDir, instanceId: this.auth.target.instanceId };
  }

  private startHandler(clientVersion: string | undefined): void {
    const sink = this.sink();
    const p = this.params;
    let handler: SessionHandler;
    switch (this.document.kind) {
      case 'shell':
        handler = new ShellHandler(sink, this.identity());
        break;
      case 'interactive-command':
        handler = new ShellHandler(sink, this.identity(), p.command ?? '');
        break;
      case 'command':
        handler = new CommandHandler(sink, this.identity(), p.command ?? '');
        break;
      case 'ssh':
        handler = new PortHandler(sink, { mode: 'standard-stream', resolve: () => this.sshEndpoint() });
        break;
      case 'port':
      case 'remote-port': {
        const resolve = () => this.portEndpoint();
        const version = clientVersion ?? '0';
        handler = agentUsesMux(version, 'LocalPortForwarding') ? new MuxPortHandler(sink, resolve, agentSmuxKeepAlive(version)) : new PortHandler(sink, { mode: 'basic', resolve });
        break;
      }
    }
    this.handler = handler;
    try {
      handler.start();
    } catch (error) {
      this.finish({ output: `Unable to start the session: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private parsePort(name: string): number {
    const port = Number(this.params[name]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DestinationError(`invalid ${name} ${JSON.stringify(this.params[name])}`);
    return port;
  }

  private sshEndpoint(): Endpoint {
    const port = this.parsePort('portNumber');
    // The emulated SSH host is the instance's sshd, so it answers on port 22 only.
    const fromFleet = port === 22 ? this.deps.resolveSshEndpoint?.(this.auth.target.instanceId) : undefined;
    if (fromFleet) return fromFleet;
    const service = this.services?.endpointFor(port);
    if (service) return service;
    throw new DestinationError(`connection refused: ${this.auth.target.instanceId} has no SSH server on port ${port}`);
  }

  private portEndpoint(): Endpoint {
    const port = this.parsePort('portNumber');
    const host = this.document.kind === 'remote-port' ? (this.params.host ?? '') : 'localhost';
    if (this.document.kind === 'remote-port' && !host) throw new DestinationError('the host parameter is required');
    if (host === 'localhost' || host === '127.0.0.1') {
      // localhost on the instance means the instance's own services.
      const service = this.services?.endpointFor(port);
      if (service) return service;
      if (this.document.kind === 'port') throw new DestinationError(`connection refused: nothing listens on port ${port} on ${this.auth.target.instanceId}`);
    }
    if (!isLoopbackHost(host)) throw new DestinationError(`refusing to connect to ${host}: the emulator only forwards to loopback addresses`);
    return { host, port };
  }

  private end(info: ChannelClosedInfo): void {
    if (this.state === 'ending' || this.state === 'ended') return;
    this.state = 'ending';
    const startedConnectedMs = this.channel.connectedMs();
    const startedAt = Date.now();
    const poll = setInterval(() => {
      const drained = this.channel.backlog() === 0;
      const connectedBudgetSpent = this.channel.connectedMs() - startedConnectedMs > END_DRAIN_CONNECTED_MS;
      if (drained || connectedBudgetSpent || Date.now() - startedAt > END_DRAIN_MAX_MS || this.state !== 'ending') {
        clearInterval(poll);
        if (this.state === 'ending') this.finish(info);
      }
    }, 20);
    poll.unref();
  }

  private finish(info: ChannelClosedInfo): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handler?.dispose();
    this.encryption?.wipe();
    this.channel.close(info);
    this.deps.onEnded(this.auth.sessionId, this.deps.clock.now());
  }
}
