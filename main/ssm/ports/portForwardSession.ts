// One port-forwarding session: StartSession with a port document, the data channel and its
// handshake, the choice between basic and multiplexed forwarding (the agent's version decides,
// as it does for the official plugin), a local TCP listener, and a clean stop.
import { createServer, type Server, type Socket } from 'node:net';
import { PayloadFlag, PayloadType, agentSupportsTerminateFlag, clientUsesMux, compareVersions, encodeFlag } from '../protocol';
import { DataChannelClient, type ChannelEnd, type DataChannelOptions, type HandshakeInfo } from '../client/dataChannelClient';
import type { SsmSessionApi } from '../ssmApi';
import { Emitter, type Event } from '../../../common/event';
import { FumidaiError } from '../../../common/api/errors';
import { BasicForwarder } from './basicForwarder';
import { MuxForwarder } from './muxForwarder';
import { portPayloadSize } from './payloadSize';
import { waitForPortHandshake } from './portHandshake';
import type { Forwarder, ForwardStats } from './forwarder';

export const PORT_DOCUMENT = 'AWS-StartPortForwardingSession';
export const REMOTE_HOST_PORT_DOCUMENT = 'AWS-StartPortForwardingSessionToRemoteHost';

export interface PortForwardOptions {
  api: SsmSessionApi;
  /** Instance id (or managed node id) the session runs on. */
  target: string;
  remotePort: number;
  /** A host the instance can reach (a database endpoint); omitted = the instance itself. */
  remoteHost?: string;
  /** 0 or omitted = an ephemeral port. */
  localPort?: number;
  /** Listen address (default 127.0.0.1; never a wildcard unless the caller insists). */
  localHost?: string;
  reason?: string;
  log?: (message: string) => void;
  /** Channel tuning (tests, benchmarks). */
  channel?: Partial<Pick<DataChannelOptions, 'pingIntervalMs' | 'livenessTimeoutMs' | 'maxMessagesPerSecond' | 'messageBurst' | 'clientVersion' | 'reconnectDeadlineMs'>>;
}

export type ForwardState = 'listening' | 'reconnecting' | 'ended';

export interface ForwardEnd {
  reason: 'stopped' | 'closed' | 'failed';
  /** Specific words only: what the agent said, or the error; `forwardEndText` words the rest. */
  message?: string;
}

/**
 * Why a forward ended, in English (the CLI). The window words the generic cases through its
 * catalogs from `reason`, so they are not baked into `message`.
 */
export function forwardEndText(end: ForwardEnd): string | undefined {
  if (end.message) return end.message;
  if (end.reason === 'failed') return 'The session could not be kept alive.';
  if (end.reason === 'closed') return 'The session was ended by Session Manager (terminated, idle timeout, or the agent stopped).';
  return undefined;
}

export class PortForwardSession {
  private stateValue: ForwardState = 'listening';
  private readonly didChange = new Emitter<void>();
  /** Counters or state changed (at most every `changeIntervalMs` for traffic). */
  readonly onDidChange: Event<void> = this.didChange.event;
  private readonly didLog = new Emitter<string>();
  /** Human-readable events: connections accepted, closed, refused, and why. */
  readonly onDidLog: Event<string> = this.didLog.event;
  private readonly didEnd = new Emitter<ForwardEnd>();
  readonly onDidEnd: Event<ForwardEnd> = this.didEnd.event;
  private changeTimer: NodeJS.Timeout | undefined;
  private ended: ForwardEnd | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly opts: PortForwardOptions,
    readonly sessionId: string,
    readonly channel: DataChannelClient,
    readonly handshake: HandshakeInfo,
    private readonly server: Server,
    readonly localPort: number,
    private readonly forwarder: Forwarder,
    /** Live traffic counters (the forwarder updates them). */
    readonly stats: ForwardStats,
  ) {}

  get mode(): 'basic' | 'smux' {
    return this.forwarder.mode;
  }

  get state(): ForwardState {
    return this.stateValue;
  }

  get localAddress(): string {
    return `${this.opts.localHost ?? '127.0.0.1'}:${this.localPort}`;
  }

  get destination(): string {
    return `${this.opts.remoteHost ?? this.opts.target}:${this.opts.remotePort}`;
  }

  /** Starts the session and resolves once the local port is listening. */
  static async start(opts: PortForwardOptions): Promise<PortForwardSession> {
    validate(opts);
    const log = opts.log ?? (() => {});
    const parameters: Record<string, string[]> = { portNumber: [String(opts.remotePort)], localPortNumber: [String(opts.localPort ?? 0)] };
    if (opts.remoteHost) parameters.host = [opts.remoteHost];
    const started = await opts.api.start({ target: opts.target, documentName: opts.remoteHost ? REMOTE_HOST_PORT_DOCUMENT : PORT_DOCUMENT, parameters, reason: opts.reason });
    const channel = new DataChannelClient({
      sessionId: started.sessionId,
      streamUrl: started.streamUrl,
      tokenValue: started.tokenValue,
      resume: () => opts.api.resume(started.sessionId),
      terminate: () => opts.api.terminate(started.sessionId),
      log,
      ...opts.channel,
    });
    const abandon = async (error: unknown): Promise<never> => {
      channel.close({ reason: 'failed' });
      await opts.api.terminate(started.sessionId).catch(() => {});
      throw error;
    };
    // Until we listen, output (there should be none) is held, not lost.
    const ready = waitForPortHandshake(channel);
    try {
      await channel.open();
    } catch (e) {
      return abandon(new FumidaiError('Network', `Could not open the port session's data channel (${(e as Error).message}).`));
    }
    const handshake = await ready.catch(abandon);
    const portType = typeof handshake.properties?.type === 'string' ? handshake.properties.type : undefined;
    const server = createServer({ pauseOnConnect: true });
    const localPort = await listen(server, opts.localPort ?? 0, opts.localHost ?? '127.0.0.1').catch(abandon);

    // The forwarder reports through the session, which needs the forwarder to exist first.
    const ref: { session?: PortForwardSession } = {};
    const ctx = {
      channel,
      payloadSize: portPayloadSize(handshake.agentVersion),
      stats: { bytesIn: 0, bytesOut: 0, connections: 0, activeConnections: 0, refused: 0 },
      log: (m: string) => (ref.session ? ref.session.emitLog(m) : log(m)),
      changed: () => ref.session?.scheduleChange(),
    };
    const destination = `${opts.remoteHost ?? 'localhost'}:${opts.remotePort}`;
    const forwarder: Forwarder = clientUsesMux(handshake.agentVersion, portType)
      ? new MuxForwarder(ctx, { keepAlive: compareVersions(handshake.agentVersion, '3.1.1511.0') <= 0, destination })
      : new BasicForwarder(ctx);
    const session = new PortForwardSession(opts, started.sessionId, channel, handshake, server, localPort, forwarder, ctx.stats);
    ref.session = session;
    session.wire();
    log(`port ${localPort} on ${opts.localHost ?? '127.0.0.1'} forwards to ${session.destination} via session ${started.sessionId} (${forwarder.mode}, ${ctx.payloadSize}-byte messages, agent ${handshake.agentVersion})`);
    return session;
  }

  private wire(): void {
    const { channel, server, forwarder } = this;
    server.on('connection', (socket: Socket) => forwarder.accept(socket));
    channel.onDidReceive(({ payloadType, payload }) => {
      if (payloadType === PayloadType.Output) forwarder.onOutput(payload);
    });
    channel.onDidReceiveFlag((flag) => forwarder.onFlag(flag));
    channel.onDidChangeState((state) => {
      if (state === 'reconnecting') this.setState('reconnecting');
      else if (state === 'open') this.setState('listening');
    });
    channel.onDidEnd((end) => this.onChannelEnd(end));
  }

  private onChannelEnd(end: ChannelEnd): void {
    if (this.ended) return;
    const result: ForwardEnd = this.stopping
      ? { reason: 'stopped' }
      : end.reason === 'failed'
        ? { reason: 'failed', ...(end.error?.message ? { message: end.error.message } : {}) }
        : { reason: 'closed', ...(end.output ? { message: end.output } : {}) };
    this.finish(result);
  }

  private finish(result: ForwardEnd): void {
    if (this.ended) return;
    this.ended = result;
    this.forwarder.close();
    this.server.close();
    clearTimeout(this.changeTimer);
    this.changeTimer = undefined;
    this.stateValue = 'ended';
    this.emitLog(result.reason === 'stopped' ? 'stopped' : `ended: ${result.message ?? result.reason}`);
    this.didChange.fire();
    this.didEnd.fire(result);
  }

  /**
   * Stops forwarding: no new connections, the agent is told to end the session (the
   * TerminateSession flag when it understands it, else the TerminateSession API), local
   * connections close. Resolves when the session is over.
   */
  stop(): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.stopping ??= (async () => {
      this.server.close();
      const ended = new Promise<void>((resolve) => this.onDidEnd(() => resolve()));
      if (agentSupportsTerminateFlag(this.handshake.agentVersion) && this.channel.state === 'open') {
        this.channel.send(PayloadType.Flag, encodeFlag(PayloadFlag.TerminateSession));
        // The agent answers with channel_closed; if it does not within 3 s, ask the API.
        const timer = setTimeout(() => void this.terminateByApi(), 3_000);
        timer.unref?.();
        await ended;
        clearTimeout(timer);
      } else {
        await this.terminateByApi();
      }
    })();
    return this.stopping;
  }

  private async terminateByApi(): Promise<void> {
    try {
      await this.opts.api.terminate(this.sessionId);
    } catch (e) {
      this.emitLog(`TerminateSession failed: ${(e as Error).message}`);
    }
    this.channel.close({ reason: 'terminated' });
    this.finish({ reason: 'stopped' });
  }

  /** @internal */
  emitLog(message: string): void {
    this.opts.log?.(message);
    this.didLog.fire(message);
  }

  /** @internal traffic counters are published at most every 500 ms. */
  scheduleChange(): void {
    if (this.changeTimer || this.ended) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      if (!this.ended) this.didChange.fire();
    }, 500);
    this.changeTimer.unref?.();
  }

  private setState(state: ForwardState): void {
    if (this.stateValue === state || this.ended) return;
    this.stateValue = state;
    this.didChange.fire();
  }
}

function validate(opts: PortForwardOptions): void {
  const port = (n: number | undefined, what: string, allowZero: boolean) => {
    if (n === undefined) return;
    if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65535) throw new FumidaiError('InvalidRequest', `${what} must be a whole number from ${allowZero ? 0 : 1} to 65535, got ${n}.`);
  };
  port(opts.remotePort, 'The remote port', false);
  port(opts.localPort, 'The local port', true);
  if (opts.remoteHost !== undefined && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/.test(opts.remoteHost)) {
    throw new FumidaiError('InvalidRequest', `'${opts.remoteHost}' is not a host name or IP address.`);
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(
        new FumidaiError(
          'InvalidRequest',
          e.code === 'EADDRINUSE'
            ? `Local port ${port} on ${host} is already in use. Choose another --local-port, or 0 for any free port.`
            : e.code === 'EACCES'
              ? `Not allowed to listen on ${host}:${port} (ports below 1024 need privileges). Choose a port above 1023.`
              : `Cannot listen on ${host}:${port}: ${e.message}`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    });
  });
}
