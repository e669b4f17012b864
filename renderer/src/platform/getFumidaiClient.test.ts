import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockClient } from './mockClient';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('getFumidaiClient', () => {
  it('returns the preload API when Electron provided one, and reports an always-open connection', async () => {
    const preload = createMockClient().client;
    vi.stubGlobal('window', { fumidai: preload, location: { protocol: 'http:', host: 'x' }, addEventListener: () => {} });
    const { getFumidaiClient, isBrowserMode, getConnectionStatus } = await import('./getFumidaiClient');
    expect(getFumidaiClient()).toBe(preload);
    expect(getFumidaiClient()).toBe(preload);
    expect(isBrowserMode()).toBe(false);
    expect(getConnectionStatus().state).toBe('open');
  });

  it('builds a WebSocket client to its own origin when there is no preload', async () => {
    const urls: string[] = [];
    class FakeWebSocket {
      binaryType = 'blob';
      readyState = 0;
      onopen = null;
      onclose = null;
      onerror = null;
      onmessage = null;
      constructor(url: string) { urls.push(url); }
      send() {}
      close() {}
    }
    vi.stubGlobal('WebSocket', FakeWebSocket);
    vi.stubGlobal('window', { location: { protocol: 'http:', host: '127.0.0.1:4321' }, addEventListener: () => {} });
    const { getFumidaiClient, isBrowserMode, getConnectionStatus } = await import('./getFumidaiClient');
    const client = getFumidaiClient();
    expect(typeof client.settings.get).toBe('function');
    expect(isBrowserMode()).toBe(true);
    expect(urls).toEqual(['ws://127.0.0.1:4321/ws']);
    expect(getConnectionStatus().state).toBe('connecting');
  });
});
