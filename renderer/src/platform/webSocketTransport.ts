// The renderer half of browser mode: the contract's ClientTransport over the host's loopback
// WebSocket (main/browser). The launch key travels as an HttpOnly cookie the browser attaches
// itself, so nothing here handles secrets.
//
// Failure rules (the UI relies on them):
// - before the first connection, calls wait for it (up to `firstConnectTimeoutMs`);
// - while disconnected later, invokes fail at once and in-flight ones fail when the socket drops —
//   createClient turns both into `{ ok: false, code: 'Network' }` values; nothing ever hangs;
// - open byte streams end with `{ reason: 'error', code: 'Network' }` when the socket drops, since
//   the host closes them with the connection;
// - the transport reconnects with capped, jittered exponential backoff.
import type { ClientTransport } from '../../../common/api/transport';
import type { Unsubscribe } from '../../../common/api/contract';
import { decodeServerMessage, encodeWireMessage, WIRE_PATH, type ClientMessage } from '../../../common/browserWire';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The subset of the DOM WebSocket this transport uses (tests pass the `ws` package's client). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WebSocketTransportOptions {
  url: string;
  createSocket?: (url: string) => WebSocketLike;
  firstConnectTimeoutMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
}

export interface WebSocketTransport extends ClientTransport {
  readonly state: ConnectionState;
  onDidChangeState(listener: (state: ConnectionState) => void): Unsubscribe;
  /** Skips the remaining backoff delay (e.g. when the OS reports the network is back). */
  reconnectNow(): void;
  /** Closes for good; every later call fails with a Network error. */
  close(): void;
}

const OPEN = 1;
/** Calls queued before the first connection; more than this is a runaway loop, not a slow start. */
const MAX_QUEUED = 1000;

interface Pending {
  channel: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function wireUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WIRE_PATH}`;
}

export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const firstConnectTimeoutMs = options.firstConnectTimeoutMs ?? 10_000;
  const backoffInitialMs = options.backoffInitialMs ?? 250;
  const backoffMaxMs = options.backoffMaxMs ?? 5_000;
  const random = options.random ?? Math.random;

  let state: ConnectionState = 'connecting';
  let everOpened = false;
  /** Set once the first connection took too long: from then on calls fail at once while down. */
  let stopQueueing = false;
  let socket: WebSocketLike | undefined;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  const inFlight = new Map<number, Pending>();
  const queued: Array<{ message: ClientMessage; pending?: Pending }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  /** Streams opened over this socket: `end channel → stream ids`, ended locally if it drops. */
  const openStreams = new Map<string, Set<string>>();

  const firstConnectTimer = setTimeout(() => {
    if (everOpened) return;
    stopQueueing = true;
    const waiting = queued.splice(0);
    for (const q of waiting) q.pending?.reject(new Error(`Could not reach the Fumidai host at ${options.url}. Is \`fumidai web\` still running?`));
  }, firstConnectTimeoutMs);

  function setState(next: ConnectionState) {
    if (state === next) return;
    state = next;
    for (const l of [...stateListeners]) l(next);
  }

  function connect() {
    retryTimer = undefined;
    let ws: WebSocketLike;
    try {
      ws = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      everOpened = true;
      clearTimeout(firstConnectTimer);
      setState('open');
      for (const q of queued.splice(0)) transmit(q.message, q.pending);
    };
    ws.onmessage = (ev) => {
      if (socket === ws) receive(ev.data);
    };
    ws.onerror = () => {
      // Always followed by onclose, which does the work.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      dropConnection();
      if (state !== 'closed') scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    if (state === 'closed') return;
    setState(everOpened ? 'reconnecting' : 'connecting');
    const base = Math.min(backoffMaxMs, backoffInitialMs * 2 ** attempt);
    attempt = Math.min(attempt + 1, 16);
    // Jitter keeps several tabs from reconnecting in lock-step.
    const delay = base / 2 + (random() * base) / 2;
    retryTimer = setTimeout(connect, delay);
  }

  /** The socket is gone: everything that depended on it fails now, as values. */
  function dropConnection() {
    const lost = new Error('The connection to Fumidai was lost before it answered; reconnecting.');
    const pending = [...inFlight.values()];
    inFlight.clear();
    for (const p of pending) p.reject(lost);
    const streams = [...openStreams.entries()];
    openStreams.clear();
    for (const [endChannel, ids] of streams) {
      for (const streamId of ids) {
        deliver(endChannel, { streamId, end: { reason: 'error', code: 'Network', message: 'The connection to Fumidai was lost.' } });
      }
    }
  }

  function receive(data: unknown) {
    let message;
    try {
      message = decodeServerMessage(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer));
    } catch {
      return; // not our protocol; the host never sends such frames
    }
    if (message.t === 'result') {
      const pending = inFlight.get(message.id);
      if (!pending) return;
      inFlight.delete(message.id);
      trackStreamOpen(pending.channel, message.r);
      pending.resolve(message.r);
      return;
    }
    if (message.ch.endsWith(':end')) {
      const id = (message.p as { streamId?: unknown } | undefined)?.streamId;
      if (typeof id === 'string') openStreams.get(message.ch)?.delete(id);
    }
    deliver(message.ch, message.p);
  }

  // A successful stream open answers `{ streamId, meta }` (contract.ts); remember it so the stream
  // can be ended locally if the socket drops.
  function trackStreamOpen(channel: string, result: unknown) {
    const r = result as { ok?: unknown; value?: { streamId?: unknown; meta?: unknown } } | undefined;
    if (r?.ok !== true || typeof r.value?.streamId !== 'string' || !('meta' in r.value)) return;
    const endChannel = `${channel}:end`;
    const ids = openStreams.get(endChannel) ?? openStreams.set(endChannel, new Set()).get(endChannel)!;
    ids.add(r.value.streamId);
  }

  function deliver(channel: string, payload: unknown) {
    const set = listeners.get(channel);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(payload);
      } catch (e) {
        // One broken listener must not starve the others (or the stream) of data.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  function transmit(message: ClientMessage, pending?: Pending) {
    const ws = socket;
    if (!ws || ws.readyState !== OPEN) {
      pending?.reject(new Error('Not connected to Fumidai; reconnecting.'));
      return;
    }
    let frame: string | Uint8Array;
    try {
      frame = encodeWireMessage(message);
    } catch (e) {
      pending?.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (pending && message.t === 'invoke') inFlight.set(message.id, pending);
    ws.send(frame);
  }

  function submit(message: ClientMessage, pending?: Pending) {
    if (state === 'open') return transmit(message, pending);
    if (state === 'connecting' && !everOpened && !stopQueueing && queued.length < MAX_QUEUED) {
      queued.push({ message, pending });
      return;
    }
    pending?.reject(new Error(state === 'closed' ? 'The connection to Fumidai is closed.' : `Not connected to the Fumidai host at ${options.url}; retrying.`));
  }

  connect();

  return {
    get state() {
      return state;
    },
    invoke(channel, payload) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        if (nextId > 2 ** 31) nextId = 1;
        submit({ t: 'invoke', id, ch: channel, p: payload }, { channel, resolve, reject });
      });
    },
    send(channel, payload) {
      submit({ t: 'send', ch: channel, p: payload });
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!;
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(channel);
      };
    },
    onDidChangeState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    reconnectNow() {
      if (retryTimer === undefined || state === 'closed') return;
      clearTimeout(retryTimer);
      connect();
    },
    close() {
      if (state === 'closed') return;
      setState('closed');
      clearTimeout(firstConnectTimer);
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const ws = socket;
      socket = undefined;
      for (const q of queued.splice(0)) q.pending?.reject(new Error('The connection to Fumidai is closed.'));
      dropConnection();
      ws?.close(1000, 'closed by the app');
    },
  };
}
