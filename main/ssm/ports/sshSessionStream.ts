// SSH over Session Manager (AWS-StartSSHSession): the data channel carries one TCP connection to
// the instance's SSH port, as the plugin's "standard stream" mode does for `ssh -o ProxyCommand`.
// We hand the bytes over as a Duplex stream instead of a local listener, so an SSH client in this
// process (ssh2's `sock` option) uses it directly and no other local program can connect to it.
//
// Flow control both ways: writes wait while the channel has too much unacknowledged input, and
// output is held unacknowledged (the agent then stops reading from sshd) while our reader is full.
import { Duplex } from 'node:stream';
import { PayloadFlag, PayloadType, agentSupportsTerminateFlag, chunkBytes, encodeFlag } from '../protocol';
import { DataChannelClient, type ChannelEnd, type DataChannelOptions, type HandshakeInfo } from '../client/dataChannelClient';
import type { SsmSessionApi } from '../ssmApi';
import { FumidaiError } from '../../../common/api/errors';
import { portPayloadSize } from './payloadSize';
import { waitForPortHandshake } from './portHandshake';

export const SSH_DOCUMENT = 'AWS-StartSSHSession';

export interface SshSessionStreamOptions {
  api: SsmSessionApi;
  /** Instance id (or managed node id) whose SSH server to reach. */
  target: string;
  /** The SSH port on the instance (default 22). */
  port?: number;
  reason?: string;
  log?: (message: string) => void;
  /** Channel tuning (tests, benchmarks). */
  channel?: Partial<Pick<DataChannelOptions, 'pingIntervalMs' | 'livenessTimeoutMs' | 'maxMessagesPerSecond' | 'messageBurst' | 'clientVersion' | 'reconnectDeadlineMs'>>;
}

/** The SSH connection's bytes; ends when the agent closes the session (sshd hung up). */
export class SshSessionStream extends Duplex {
  private stopping = false;
  private readonly payloadSize: number;

  private constructor(
    readonly sessionId: string,
    readonly channel: DataChannelClient,
    readonly handshake: HandshakeInfo,
    private readonly terminateByApi: () => Promise<void>,
  ) {
    super({ allowHalfOpen: false });
    this.payloadSize = portPayloadSize(handshake.agentVersion);
    channel.onDidReceive(({ payloadType, payload }) => {
      if (payloadType !== PayloadType.Output) return;
      if (!this.push(payload)) channel.setReceiving(false);
    });
    channel.onDidEnd((end) => this.onChannelEnd(end));
  }

  /** Starts the session and resolves once the agent is connected to the SSH port. */
  static async open(opts: SshSessionStreamOptions): Promise<SshSessionStream> {
    const port = opts.port ?? 22;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new FumidaiError('InvalidRequest', `The SSH port must be a whole number from 1 to 65535, got ${port}.`);
    const log = opts.log ?? (() => {});
    const started = await opts.api.start({ target: opts.target, documentName: SSH_DOCUMENT, parameters: { portNumber: [String(port)] }, reason: opts.reason });
    const terminateByApi = () => opts.api.terminate(started.sessionId);
    const channel = new DataChannelClient({
      sessionId: started.sessionId,
      streamUrl: started.streamUrl,
      tokenValue: started.tokenValue,
      resume: () => opts.api.resume(started.sessionId),
      terminate: terminateByApi,
      log,
      ...opts.channel,
    });
    const ready = waitForPortHandshake(channel);
    try {
      await channel.open();
      const handshake = await ready;
      log(`SSH to ${opts.target}:${port} through session ${started.sessionId} (agent ${handshake.agentVersion})`);
      return new SshSessionStream(started.sessionId, channel, handshake, terminateByApi);
    } catch (e) {
      ready.catch(() => {});
      channel.close({ reason: 'failed' });
      await terminateByApi().catch(() => {});
      if (e instanceof FumidaiError) throw e;
      throw new FumidaiError('Network', `Could not open the SSH session's data channel (${(e as Error).message}).`);
    }
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.channel.state === 'closed') return callback(new FumidaiError('Network', 'The SSH session has ended.'));
    for (const piece of chunkBytes(chunk, this.payloadSize)) this.channel.send(PayloadType.Output, piece);
    if (this.channel.writable) return callback();
    // Too much unacknowledged input: take more once the agent has caught up (or the session is over).
    const disposers = [
      this.channel.onDidDrain(() => done()),
      this.channel.onDidEnd(() => done()),
    ];
    function done(): void {
      for (const d of disposers) d();
      callback();
    }
  }

  override _read(): void {
    this.channel.setReceiving(true);
  }

  /** Our side is done writing (the SSH client disconnected): end the session, as the plugin does on EOF. */
  override _final(callback: (error?: Error | null) => void): void {
    this.stop();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stop();
    callback(error);
  }

  private stop(): void {
    if (this.stopping || this.channel.state === 'closed') return;
    this.stopping = true;
    if (agentSupportsTerminateFlag(this.handshake.agentVersion) && this.channel.state === 'open') {
      this.channel.send(PayloadType.Flag, encodeFlag(PayloadFlag.TerminateSession));
      // The agent answers with channel_closed; if it does not, the API ends the session.
      const timer = setTimeout(() => void this.endByApi(), 3_000);
      timer.unref?.();
      this.channel.onDidEnd(() => clearTimeout(timer));
    } else {
      void this.endByApi();
    }
  }

  private async endByApi(): Promise<void> {
    await this.terminateByApi().catch(() => {});
    this.channel.close({ reason: 'terminated' });
  }

  private onChannelEnd(end: ChannelEnd): void {
    if (!this.stopping && end.reason === 'failed') {
      this.destroy(end.error ?? new FumidaiError('Network', 'The SSH session could not be kept alive.'));
      return;
    }
    // sshd hanging up ends the session without a word; any text is the agent's reason (it could
    // not reach the SSH port, the session was terminated or timed out).
    if (!this.stopping && end.reason === 'closed' && end.output) {
      this.destroy(new FumidaiError('Network', `The SSH session ended: ${end.output}`));
      return;
    }
    this.push(null);
  }
}
