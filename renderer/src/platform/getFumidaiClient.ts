// The one way the renderer reaches main. In Electron the preload has put the contract's functions
// on `window.fumidai`; in browser mode there is no preload, so the same client is built over the
// host's WebSocket. Callers cannot tell the two apart (and must not need to).
// Type-only (erased from the bundle): brings in the `window.fumidai` declaration.
import type {} from './global';
import { createClient } from '../../../common/api/client';
import { DOMAINS, type FumidaiClient } from '../../../common/api';
import type { Unsubscribe } from '../../../common/api/contract';
import { createWebSocketTransport, wireUrlFor, type ConnectionState, type WebSocketTransport } from './webSocketTransport';

let client: FumidaiClient | undefined;
let transport: WebSocketTransport | undefined;

export function getFumidaiClient(): FumidaiClient {
  if (client) return client;
  if (window.fumidai) {
    client = window.fumidai;
    return client;
  }
  transport = createWebSocketTransport({ url: wireUrlFor(window.location) });
  // When the OS says the network is back, don't sit out the rest of a backoff delay.
  window.addEventListener('online', () => transport?.reconnectNow());
  client = createClient(DOMAINS, transport);
  return client;
}

/** How the UI is connected to main, for a "reconnecting…" banner. Electron is always 'open'. */
export interface ConnectionStatus {
  readonly state: ConnectionState;
  onDidChange(listener: (state: ConnectionState) => void): Unsubscribe;
}

export function getConnectionStatus(): ConnectionStatus {
  getFumidaiClient();
  const t = transport;
  if (!t) return { state: 'open', onDidChange: () => () => {} };
  return {
    get state() {
      return t.state;
    },
    onDidChange: (listener) => t.onDidChangeState(listener),
  };
}

/** True when running in a plain browser against `fumidai web` rather than in Electron. */
export function isBrowserMode(): boolean {
  getFumidaiClient();
  return transport !== undefined;
}
