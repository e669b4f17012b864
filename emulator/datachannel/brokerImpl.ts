// The broker: registry of authorised sessions, single-use tokens, the WebSocket endpoint at
// /v1/data-channel/<sessionId>, and the per-instance services port sessions connect to.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseOpenDataChannel } from '../../main/ssm/protocol';
import type { AuthorizedSession, InstanceRuntimeInfo } from '../contracts';
import { AgentSession } from './agentSession';
import type { DataChannelBroker, SessionBrokerOptions } from './broker';
import { documentInfo } from './documents';
import type { DataChannelFaults } from './faults';
import { startInstanceServices, type InstanceServices } from './instanceServices';

export const DATA_CHANNEL_PATH = '/v1/data-channel/';
/** A client must send the open-data-channel frame this soon after the upgrade. */
const OPEN_FRAME_TIMEOUT_MS = 10_000;
/** Ended sessions are remembered this long so a late reconnect still gets channel_closed. */
const ENDED_RETENTION_MS = 10 * 60_000;
/** Largest WebSocket frame accepted from a client (a data-channel message is 120 + ≤1024 bytes). */
const MAX_FRAME_BYTES = 1024 * 1024;
export const DEFAULT_AGENT_VERSION = '3.3.40.0';

/** Close codes sent to clients whose open frame is refused. */
export const CloseCode = { PolicyViolation: 1008, Normal: 1000 } as const;

interface SessionRecord {
  session: AgentSession;
  /** Tokens issued and not yet presented (StartSession's, then one per ResumeSession). */
  tokens: Set<string>;
  connections: number;
  endedAtMs?: number;
  /** Ended by TerminateSession: the control plane already knows, so no onDidEndSession. */
  terminatedByApi?: boolean;
}

export function defaultHostname(target: InstanceRuntimeInfo): string {
  const h = createHash('sha256').update(target.instanceId).digest();
  return `ip-10-${h[0]! % 8}-${h[1]! % 255}-${(h[2]! % 250) + 4}`;
}

export function createSessionBroker(opts: SessionBrokerOptions): DataChannelBroker {
  const log = opts.log ?? (() => {});
  const sessions = new Map<string, SessionRecord>();
  const services = new Map<string, Promise<InstanceServices>>();
  const endedListeners: Array<(sessionId: string, endedAtMs: number) => void> = [];
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  let faults: DataChannelFaults | undefined = opts.faults;
  let closed = false;

  const streamUrlFor = (sessionId: string) => `${opts.streamBaseUrl()}${DATA_CHANNEL_PATH}${encodeURIComponent(sessionId)}?role=publish_subscribe`;
  const newToken = () => randomBytes(48).toString('base64url');

  function servicesFor(target: InstanceRuntimeInfo): Promise<InstanceServices> {
    let running = services.get(target.instanceId);
    if (!running) {
      running = startInstanceServices(target);
      services.set(target.instanceId, running);
      running.catch((error: Error) => log(`instance ${target.instanceId}: services failed to start: ${error.message}`));
    }
    return running;
  }

  function onEnded(sessionId: string, atMs: number): void {
    const record = sessions.get(sessionId);
    if (record) {
      record.endedAtMs = atMs;
      record.tokens.clear();
      const forget = setTimeout(() => sessions.delete(sessionId), ENDED_RETENTION_MS);
      forget.unref();
    }
    log(`session ${sessionId}: ended`);
    if (record?.terminatedByApi) return;
    for (const listener of endedListeners) listener(sessionId, atMs);
  }

  function refuse(ws: WebSocket, why: string): void {
    log(`data channel: refused a connection (${why})`);
    ws.close(CloseCode.PolicyViolation, why.slice(0, 120));
  }

  function accept(ws: WebSocket, sessionId: string, socket: Duplex): void {
    let opened = false;
    const timer = setTimeout(() => {
      if (!opened) refuse(ws, 'no open-data-channel frame received');
    }, OPEN_FRAME_TIMEOUT_MS);
    ws.once('close', () => clearTimeout(timer));
    ws.on('error', (error) => log(`data channel: socket error: ${error.message}`));
    ws.once('message', (data: Buffer, isBinary: boolean) => {
      opened = true;
      clearTimeout(timer);
      if (isBinary) return refuse(ws, 'the first frame must be the open-data-channel text frame');
      const open = parseOpenDataChannel(data.toString('utf8'));
      if (!open.ok) return refuse(ws, open.error);
      const record = sessions.get(sessionId);
      if (!record) return refuse(ws, 'unknown session');
      // Tokens are single use: each (re)connection needs a fresh one from StartSession/ResumeSession.
      if (!record.tokens.delete(open.value.TokenValue)) return refuse(ws, 'invalid, expired or already used token');
      const index = record.connections++;
      log(`session ${sessionId}: client connected (connection ${index}, client ${open.value.ClientId ?? 'unknown'} ${open.value.ClientVersion ?? ''})`.trimEnd());
      record.session.attach(ws, index, faults, socket);
    });
  }

  return {
    createSession(auth: AuthorizedSession) {
      if (closed) throw new Error('the session broker is shut down');
      const document = documentInfo(auth.documentName);
      if (!document) throw new Error(`InvalidDocument: document ${auth.documentName} is not supported by the emulated agent`);
      if (sessions.has(auth.sessionId)) throw new Error(`session ${auth.sessionId} already exists`);
      const session = new AgentSession(auth, document, {
        clock: opts.clock,
        log,
        agentVersion: opts.agentVersion ?? DEFAULT_AGENT_VERSION,
        timing: opts.timing,
        handshakeTimeoutMs: opts.handshakeTimeoutMs,
        hostname: (opts.hostnameFor ?? defaultHostname)(auth.target),
        services: servicesFor(auth.target),
        resolveSshEndpoint: opts.resolveSshEndpoint,
        openDataKey: opts.openDataKey,
        onEnded,
      });
      sessions.set(auth.sessionId, { session, tokens: new Set([auth.tokenValue]), connections: 0 });
      log(`session ${auth.sessionId}: ${auth.documentName} on ${auth.target.instanceId} as ${auth.runAsUser}`);
      return { streamUrl: streamUrlFor(auth.sessionId) };
    },

    resumeSession(sessionId: string) {
      const record = sessions.get(sessionId);
      if (!record) throw new Error(`session ${sessionId} does not exist`);
      if (record.endedAtMs !== undefined || !record.session.isActive) throw new Error(`session ${sessionId} is terminated`);
      const tokenValue = newToken();
      record.tokens.add(tokenValue);
      return { streamUrl: streamUrlFor(sessionId), tokenValue };
    },

    terminateSession(sessionId: string) {
      const record = sessions.get(sessionId);
      if (!record || record.endedAtMs !== undefined) return;
      record.terminatedByApi = true;
      record.session.terminate('');
    },

    activeSessionIds() {
      return [...sessions.entries()].filter(([, r]) => r.endedAtMs === undefined).map(([id]) => id);
    },

    onDidEndSession(listener) {
      endedListeners.push(listener);
    },

    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const sessionId = url.pathname.startsWith(DATA_CHANNEL_PATH) ? decodeURIComponent(url.pathname.slice(DATA_CHANNEL_PATH.length)) : '';
      if (closed || !sessionId || !sessions.has(sessionId)) {
        const body = closed ? 'the emulator is shutting down' : `no session ${sessionId || '(missing id)'}`;
        socket.end(`HTTP/1.1 ${closed ? 503 : 404} ${closed ? 'Service Unavailable' : 'Not Found'}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, sessionId, socket));
    },

    setFaults(next: DataChannelFaults | undefined) {
      faults = next;
    },

    async close() {
      closed = true;
      const stopping = [...sessions.values()].map((record) => record.session.dispose());
      sessions.clear();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await Promise.all(stopping);
      const all = [...services.values()];
      services.clear();
      await Promise.all(all.map(async (p) => (await p.catch(() => undefined))?.close()));
    },
  };
}
