// What a renderer-side transport must offer. Electron's preload implements it over ipcRenderer,
// the browser-mode bridge over a WebSocket, tests in memory. Payloads are structured-cloneable
// values (plain objects, strings, numbers, Uint8Array).

export interface ClientTransport {
  /** Request/response; resolves with the Result value main produced. */
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Fire and forget (stream writes, acks, closes). */
  send(channel: string, payload: unknown): void;
  /** Messages main pushes (events, stream data). Returns the unsubscribe function. */
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Main-side view of one connected renderer (a window's main frame, or one WebSocket). */
export interface Peer {
  readonly id: string;
  send(channel: string, payload: unknown): void;
}
