// What the Electron preload puts on `window` (preload/index.ts: contextBridge.exposeInMainWorld).
// In browser mode it is absent and getFumidaiClient() builds the same API over a WebSocket.
import type { FumidaiClient } from '../../../common/api';

declare global {
  interface Window {
    fumidai?: FumidaiClient;
  }
}

export {};
