// What the two port-forwarding modes (basic and smux) share: the channel they run over, the
// per-message payload size, the traffic counters a Sessions view shows, and a log of what happened
// to each local connection.
import type { Socket } from 'node:net';
import type { DataChannelClient } from '../client/dataChannelClient';

export interface ForwardStats {
  /** Bytes delivered from the remote port to local clients. */
  bytesIn: number;
  /** Bytes sent from local clients to the remote port. */
  bytesOut: number;
  /** Local connections accepted so far. */
  connections: number;
  activeConnections: number;
  /** Local connections closed without being forwarded (queue full, destination unreachable). */
  refused: number;
}

export interface ForwarderContext {
  channel: DataChannelClient;
  payloadSize: number;
  stats: ForwardStats;
  log(message: string): void;
  /** Counters changed (the session throttles what it publishes). */
  changed(): void;
}

export interface Forwarder {
  readonly mode: 'basic' | 'smux';
  /** A local client connected to the listener. */
  accept(socket: Socket): void;
  /** An Output payload from the agent. */
  onOutput(payload: Buffer): void;
  /** A Flag payload from the agent. */
  onFlag(flag: number): void;
  /** Closes every local connection (the session is over). */
  close(): void;
}

/** How a local connection is named in logs: its source address and port. */
export function describeSocket(socket: Socket): string {
  return `${socket.remoteAddress ?? 'local'}:${socket.remotePort ?? '?'}`;
}
