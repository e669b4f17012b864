// The Session Manager data plane of the emulator: it plays both MGS (the WebSocket at StreamUrl,
// token checks, start/pause_publication, channel_closed) and the SSM agent (sequenced streams,
// acknowledgements, retransmission, handshake, the shell or port forwarding behind a session).
// The control plane authorises StartSession/ResumeSession/TerminateSession and calls this broker.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RetransmissionTiming } from '../../main/ssm/protocol';
import type { Clock, InstanceRuntimeInfo, SessionBroker } from '../contracts';

/** Fault knobs for the data channel; defined in faults.ts. */
export type { DataChannelFaults } from './faults';
import type { DataChannelFaults } from './faults';

export interface SessionBrokerOptions {
  clock: Clock;
  /** Base of every StreamUrl, e.g. `ws://127.0.0.1:PORT` (no trailing slash). */
  streamBaseUrl: () => string;
  faults?: DataChannelFaults;
  log?: (message: string) => void;
  /** Where AWS-StartSSHSession connects for a target (the SSH hosts live elsewhere). Loopback only. */
  resolveSshEndpoint?: (instanceId: string) => { host: string; port: number } | undefined;
  /** The hostname the shell prompt shows (default: an `ip-10-…` name derived from the instance id). */
  hostnameFor?: (target: InstanceRuntimeInfo) => string;
  /** Retransmission constants (defaults are the agent's; tests may scan faster than every 100 ms). */
  timing?: Partial<RetransmissionTiming>;
  /** AgentVersion announced in handshakes (default 3.3.40.0, which makes clients use smux). */
  agentVersion?: string;
  /** How long the agent waits for a HandshakeResponse (default 15 s, as the agent). */
  handshakeTimeoutMs?: number;
  /** The agent's kms:Decrypt of a session data key (KMS-encrypted sessions); throws when it will not open. */
  openDataKey?: (ciphertext: Buffer, context: Record<string, string>) => Buffer;
}

export interface DataChannelBroker extends SessionBroker {
  /** Hands a WebSocket upgrade under /v1/data-channel/ to the broker. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Replaces the fault knobs for connections opened from now on. */
  setFaults(faults: DataChannelFaults | undefined): void;
  /** Terminates every session, stops instance services and closes all sockets. */
  close(): Promise<void>;
}

export { createSessionBroker, DATA_CHANNEL_PATH, DEFAULT_AGENT_VERSION } from './brokerImpl';
/** The documents the emulated agent runs; anything else is InvalidDocument for StartSession. */
export { SUPPORTED_DOCUMENTS, DEFAULT_DOCUMENT, documentInfo } from './documents';
