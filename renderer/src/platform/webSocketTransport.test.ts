// The renderer's WebSocket transport against the real browser-mode host.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { startBrowserHost, type BrowserHost } from '../../../main/browser/host';
import { createCore } from '../../../main/composition';
import { createClient } from '../../../common/api/client';
import { defineDomain, stream, type ByteSource, type StreamEnd } from '../../../common/api/contract';
import { DOMAINS } from '../../../common/api';
import { createWebSocketTransport, wireUrlFor, type ConnectionState, type WebSocketLike } from './webSocketTransport';

const pipeDomain = defineDomain('pipe', {
  open: stream({ request: z.object({}), meta: z.object({}) }),
});

class IdleSource implements ByteSource {
  emit?: (c: Uint8Array) => void;
  closed = false;
  onData(l: (c: Uint8Array) => void) { this.emit = l; }
  onEnd() {}
  write() {}
  pause() {}
  resume() {}
  close() { this.closed = true; }
}

let dir: string;
let host: BrowserHost;
let sources: IdleSource[];
let sockets: WebSocket[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fumidai-ws-transport-'));
  mkdirSync(join(dir, 'ui'));
  writeFileSync(join(dir, 'ui', 'index.html'), '<!doctype html>');
  sources = [];
  sockets = [];
  host = await startBrowserHost({
    rendererDir: join(dir, 'ui'),
    configDir: join(dir, 'config'),
    env: { HOME: dir },
    openExternal: async () => {},
    createCore: async (o) => {
      const core = await createCore(o);
      core.dispatcher.implement(pipeDomain, {
        open: async () => {
          const source = new IdleSource();
          sources.push(source);
          return { meta: {}, source };
        },
      });
      return core;
    },
  });
});

afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a browser tab does: same origin, with the key cookie it got from the printed link. */
function browserSocket(url: string): WebSocketLike {
  const ws = new WebSocket(url, { headers: { Origin: host.origin, Cookie: `fumidai_key_${host.port}=${host.secret}` } });
  sockets.push(ws);
  return ws as unknown as WebSocketLike;
}

const waitFor = async (cond: () => boolean, what: string) => {
  const until = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('WebSocket transport', () => {
  it('builds the socket URL from the page location', () => {
    expect(wireUrlFor({ protocol: 'http:', host: '127.0.0.1:5000' })).toBe('ws://127.0.0.1:5000/ws');
    expect(wireUrlFor({ protocol: 'https:', host: 'example.test' })).toBe('wss://example.test/ws');
  });

  it('queues calls made before the first connection and answers them once connected', async () => {
    const transport = createWebSocketTransport({ url: wireUrlFor(new URL(host.origin)), createSocket: browserSocket });
    const client = createClient(DOMAINS, transport);
    expect(transport.state).toBe('connecting');
    const [info, settings] = await Promise.all([client.app.getInfo(), client.settings.get()]);
    expect(info).toMatchObject({ ok: true, value: { name: 'Fumidai', host: 'browser' } });
    expect(settings).toMatchObject({ ok: true, value: { theme: 'system' } });
    expect(transport.state).toBe('open');
    const seen: string[] = [];
    client.settings.onDidChange((s) => seen.push(s.language));
    expect(await client.settings.update({ language: 'ja' })).toMatchObject({ ok: true, value: { language: 'ja' } });
    await waitFor(() => seen.length === 1, 'onDidChange');
    expect(seen).toEqual(['ja']);
    transport.close();
  });

  it('turns a dropped connection into Network errors and ended streams, then reconnects', async () => {
    const states: ConnectionState[] = [];
    // The first retry waits 150-300 ms: a window in which the outage is observable.
    const transport = createWebSocketTransport({ url: wireUrlFor(new URL(host.origin)), createSocket: browserSocket, backoffInitialMs: 300 });
    transport.onDidChangeState((s) => states.push(s));
    const client = createClient([pipeDomain, ...DOMAINS] as const, transport);
    let ended: StreamEnd | undefined;
    const opened = await client.pipe.open({}, { onData: () => {}, onEnd: (e) => (ended = e) });
    expect(opened.ok).toBe(true);

    sockets[0]!.terminate();
    await waitFor(() => ended !== undefined, 'the stream to end');
    expect(ended).toMatchObject({ reason: 'error', code: 'Network' });
    // The host closed the producer with the connection.
    await waitFor(() => sources[0]!.closed, 'the producer to close');
    expect(states.slice(0, 2)).toEqual(['open', 'reconnecting']);
    // During the outage an invoke resolves at once, as a value.
    expect(transport.state).toBe('reconnecting');
    expect(await client.settings.get()).toMatchObject({ ok: false, code: 'Network' });

    await waitFor(() => transport.state === 'open', 'the reconnect');
    expect(await client.settings.get()).toMatchObject({ ok: true });
    expect(sockets.length).toBe(2);
    transport.close();
    expect(await client.settings.get()).toMatchObject({ ok: false, code: 'Network' });
  });

  it('fails an invoke whose answer never comes because the socket died', async () => {
    const transport = createWebSocketTransport({ url: wireUrlFor(new URL(host.origin)), createSocket: browserSocket, backoffInitialMs: 20 });
    const client = createClient(DOMAINS, transport);
    await client.app.getInfo();
    // Freeze the host side: the request arrives but we kill the socket before it is answered.
    const slow = new Promise<void>(() => {});
    host.core.dispatcher.implement(defineDomain('slow', { wait: (await import('../../../common/api/contract')).invoke({ request: z.undefined(), response: z.null() }) }), {
      wait: () => slow.then(() => null),
    });
    const pending = transport.invoke('slow:wait', undefined);
    setTimeout(() => sockets[0]!.terminate(), 20);
    await expect(pending).rejects.toThrow(/lost before it answered/);
    transport.close();
  });

  it('gives up waiting for a first connection that never comes, with a Network error', async () => {
    const transport = createWebSocketTransport({ url: 'ws://127.0.0.1:1/ws', firstConnectTimeoutMs: 200, backoffInitialMs: 50 });
    const client = createClient(DOMAINS, transport);
    const started = Date.now();
    const res = await client.settings.get();
    expect(res).toMatchObject({ ok: false, code: 'Network' });
    expect(res.ok ? '' : res.message).toMatch(/Could not reach the Fumidai host/);
    expect(Date.now() - started).toBeLessThan(2000);
    // Later calls do not queue behind a connection that may never come: they fail at once.
    const again = Date.now();
    expect(await client.app.getInfo()).toMatchObject({ ok: false, code: 'Network' });
    expect(Date.now() - again).toBeLessThan(100);
    transport.close();
  });

  it('is refused by the host without the launch key, and keeps calls failing as values', async () => {
    const transport = createWebSocketTransport({
      url: wireUrlFor(new URL(host.origin)),
      createSocket: (url) => new WebSocket(url, { headers: { Origin: host.origin } }) as unknown as WebSocketLike,
      firstConnectTimeoutMs: 300,
      backoffInitialMs: 50,
    });
    const client = createClient(DOMAINS, transport);
    expect(await client.app.getInfo()).toMatchObject({ ok: false, code: 'Network' });
    expect(host.connectionCount).toBe(0);
    transport.close();
  });
});
