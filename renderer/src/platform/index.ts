// The renderer's platform layer: how it reaches main (Electron preload or browser-mode WebSocket),
// and an in-memory client for component tests.
export { getFumidaiClient, getConnectionStatus, isBrowserMode, type ConnectionStatus } from './getFumidaiClient';
export type { ConnectionState } from './webSocketTransport';
