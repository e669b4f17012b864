// The seam between the data channel and what runs behind a session (a shell, a command, a port).
import type { ChannelClosedInfo } from './agentChannel';

export interface StreamSink {
  /** Sends one sequenced output_stream_data message (≤1024 bytes by convention). */
  send(payloadType: number, payload: Buffer): void;
  /** True while too many messages are unacknowledged: producers should pause. */
  isCongested(): boolean;
  /** Called once the backlog has fallen below the low watermark after congestion. */
  onDrain(listener: () => void): void;
  /** Ends the session: waits (bounded) for the outgoing buffer to drain, then channel_closed. */
  end(info: ChannelClosedInfo): void;
  log(message: string): void;
}

export interface SessionHandler {
  /** Begins producing (after the handshake, if the session type has one). */
  start(): void;
  /** False while the handler cannot take input: the message is not acknowledged and comes back. */
  canAccept(payloadType: number): boolean;
  handle(payloadType: number, payload: Buffer): void;
  /** Stops everything (TerminateSession, broker shutdown); idempotent. */
  dispose(): void;
  /** Resolves once child processes are gone (so shutdown leaves no orphans and files are closed). */
  stopped(): Promise<void>;
}
