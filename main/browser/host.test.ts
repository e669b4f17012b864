import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { startBrowserHost, type BrowserHost } from './host';
import { createCore } from '../composition';
import { createClient } from '../../common/api/client';
import { defineDomain, stream, type ByteSource, type StreamEnd } from '../../common/api/contract';
import { settingsDomain } from '../../common/api/settings';
import { appDomain } from '../../common/api/app';
import type { ClientTransport } from '../../common/api/transport';
import { decodeServerMessage, encodeWireMessage } from '../../common/browserWire';
import { STREAM_HIGH_WATERMARK } from '../../common/api/flowControl';

// A stream domain only this test registers, to prove bytes and acks survive the wire.
const pipeDomain = defineDomain('pipe', {
  open: stream({ request: z.object({ size: z.number().int() }), meta: z.object({ size: z.number() }) }),
});

class FloodSource implements ByteSource {
  private data?: (c: Uint8Array) => void;
  private end?: (e: StreamEnd) => void;
  written: Uint8Array[] = [];
  paused = false;
  pauses = 0;
  closed = false;
  private sent = 0;
  constructor(private readonly size: number) {}
  onData(l: (c: Uint8Array) => void) {
    this.data = l;
    setImmediate(() => this.pump());
  }
  onEnd(l: (e: StreamEnd) => void) { this.end = l; }
  write(d: Uint8Array) { this.written.push(d); }
  pause() { this.paused = true; this.pauses++; }
  resume() { this.paused = false; setImmediate(() => this.pump()); }
  close() { this.closed = true; }
  private pump() {
    while (!this.paused && !this.closed && this.sent < this.size) {
      const n = Math.min(16_384, this.size - this.sent);
      const chunk = new Uint8Array(n);
      for (let i = 0; i < n; i++) chunk[i] = (this.sent + i) % 251;
      this.sent += n;
      this.data?.(chunk);
    }
    if (this.sent >= this.size && !this.closed) this.end?.({ reason: 'exit', exitCode: 0 });
  }
}

let dir: string;
let host: BrowserHost;
const sources: FloodSource[] = [];
const logs: string[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fumidai-browser-host-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Fumidai</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  host = await startBrowserHost({
    rendererDir: renderer,
    configDir: join(dir, 'config'),
    env: { HOME: dir, AWS_CONFIG_FILE: join(dir, 'aws-config') },
    log: (m) => logs.push(m),
    openExternal: async () => {},
    createCore: async (options) => {
      const core = await createCore(options);
      core.dispatcher.implement(pipeDomain, {
        open: async ({ size }) => {
          const source = new FloodSource(size);
          sources.push(source);
          return { meta: { size }, source };
        },
      });
      return core;
    },
  });
});

afterEach(async () => {
  await host.close();
  sources.length = 0;
  logs.length = 0;
  rmSync(dir, { recursive: true, force: true });
});

const cookieFor = (h: BrowserHost) => `fumidai_key_${h.port}=${h.secret}`;
const goodHeaders = (h: BrowserHost) => ({ Origin: h.origin, Cookie: cookieFor(h) });

/** Raw HTTP so tests control every header (fetch would normalise Host and refuse some). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tries a WebSocket handshake; resolves with the socket or the HTTP status it was refused with. */
function openSocket(headers: Record<string, string>, path = '/ws'): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode });
      res.resume();
    });
    ws.once('error', () => resolve({ status: -1 }));
  });
}

/** A minimal client transport over the wire protocol (the renderer's real one is tested in renderer/src/platform). */
function transportOver(ws: WebSocket): ClientTransport {
  let nextId = 1;
  const pending = new Map<number, (r: unknown) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  ws.on('message', (data: Buffer, isBinary) => {
    const msg = decodeServerMessage(isBinary ? new Uint8Array(data) : data.toString('utf8'));
    if (msg.t === 'result') pending.get(msg.id)?.(msg.r);
    else listeners.get(msg.ch)?.forEach((l) => l(msg.p));
  });
  const put = (frame: string | Uint8Array) => ws.send(frame, { binary: typeof frame !== 'string' });
  return {
    invoke: (ch, p) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        put(encodeWireMessage({ t: 'invoke', id, ch, p }));
      }),
    send: (ch, p) => put(encodeWireMessage({ t: 'send', ch, p })),
    on: (ch, l) => {
      const set = listeners.get(ch) ?? listeners.set(ch, new Set()).get(ch)!;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

const waitFor = async (cond: () => boolean, what: string, ms = 5000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('browser host: WebSocket guards', () => {
  it('listens on loopback with a random port and a 256-bit secret in the URL', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.port).toBeGreaterThan(0);
    expect(Buffer.from(host.secret, 'base64url').byteLength).toBe(32);
    expect(host.url).toBe(`${host.origin}/?key=${host.secret}`);
  });

  it('refuses a WebSocket without the secret', async () => {
    expect(await openSocket({ Origin: host.origin })).toEqual({ status: 401 });
    expect(await openSocket({ Origin: host.origin, Cookie: `fumidai_key_${host.port}=${'A'.repeat(43)}` })).toEqual({ status: 401 });
    // The secret is a cookie; presenting it anywhere else does not count.
    expect(await openSocket({ Origin: host.origin }, `/ws?key=${host.secret}`)).toEqual({ status: 401 });
  });

  it('refuses a WebSocket from a foreign Origin, or with none', async () => {
    expect(await openSocket({ Cookie: cookieFor(host), Origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await openSocket({ Cookie: cookieFor(host), Origin: `http://127.0.0.1:${host.port + 1}` })).toEqual({ status: 403 });
    expect(await openSocket({ Cookie: cookieFor(host) })).toEqual({ status: 403 });
  });

  it('refuses a WebSocket whose Host is not the loopback address and port (DNS rebinding)', async () => {
    expect(await openSocket({ ...goodHeaders(host), Host: 'attacker.example' })).toEqual({ status: 421 });
    expect(await openSocket({ ...goodHeaders(host), Host: `attacker.example:${host.port}` })).toEqual({ status: 421 });
    expect(await openSocket({ ...goodHeaders(host), Host: '127.0.0.1:1' })).toEqual({ status: 421 });
    expect(logs.some((l) => l.includes('foreign Host'))).toBe(true);
  });

  it('accepts the right secret, origin and host; one connection is one peer, removed when it drops', async () => {
    const { ws } = await openSocket(goodHeaders(host));
    expect(ws).toBeDefined();
    await waitFor(() => host.connectionCount === 1, 'the connection');
    const client = createClient([pipeDomain] as const, transportOver(ws!));
    let ended: StreamEnd | undefined;
    const opened = await client.pipe.open({ size: 10_000_000 }, { onData: () => {}, onEnd: (e) => (ended = e) });
    expect(opened.ok).toBe(true);
    await waitFor(() => sources[0]?.paused === true, 'the producer to pause without acks');
    expect(host.core.dispatcher.openStreamCount).toBe(1);
    ws!.terminate();
    await waitFor(() => host.connectionCount === 0 && host.core.dispatcher.openStreamCount === 0, 'the peer to be removed');
    expect(sources[0]!.closed).toBe(true);
    expect(ended).toBeUndefined();
  });
});

describe('browser host: the contract over the socket', () => {
  it('round-trips settings.get / update and delivers onDidChange', async () => {
    const { ws } = await openSocket(goodHeaders(host));
    const client = createClient([settingsDomain] as const, transportOver(ws!));
    const info = await createClient([appDomain] as const, transportOver(ws!)).app.getInfo();
    expect(info).toMatchObject({ ok: true, value: { name: 'Fumidai', host: 'browser', version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
    expect(info.ok && info.value.version).not.toBe('0.0.0-dev');
    const initial = await client.settings.get();
    expect(initial).toMatchObject({ ok: true, value: { language: 'system' } });
    const changes: unknown[] = [];
    client.settings.onDidChange((s) => changes.push(s));
    const updated = await client.settings.update({ language: 'ja', terminal: { fontSize: 15 } });
    expect(updated).toMatchObject({ ok: true, value: { language: 'ja', terminal: { fontSize: 15 } } });
    await waitFor(() => changes.length === 1, 'onDidChange');
    expect(changes[0]).toMatchObject({ language: 'ja' });
    // Still validated by the dispatcher: a bad patch is a value, not a crash.
    expect(await client.settings.update({ language: 'xx' as 'ja' })).toMatchObject({ ok: false, code: 'InvalidRequest' });
    ws!.close();
  });

  it('carries a byte stream intact, with acknowledgements releasing the paused producer', async () => {
    const { ws } = await openSocket(goodHeaders(host));
    const client = createClient([pipeDomain] as const, transportOver(ws!));
    const size = 3 * STREAM_HIGH_WATERMARK + 12_345;
    const received: Uint8Array[] = [];
    let ended: StreamEnd | undefined;
    const stream: { handle?: { ack(n: number): void } } = {};
    const res = await client.pipe.open(
      { size },
      {
        onData: (c) => {
          received.push(c);
          // Acknowledge asynchronously, as a renderer does after xterm has parsed the bytes.
          setTimeout(() => stream.handle?.ack(c.byteLength), 1);
        },
        onEnd: (e) => (ended = e),
      },
    );
    if (!res.ok) throw new Error(res.message);
    stream.handle = res.value.handle;
    expect(res.value.meta).toEqual({ size });
    await waitFor(() => ended !== undefined, 'the stream to end');
    expect(ended).toEqual({ reason: 'exit', exitCode: 0 });
    const all = Buffer.concat(received);
    expect(all.byteLength).toBe(size);
    expect(all.every((b, i) => b === i % 251)).toBe(true);
    expect(sources[0]!.pauses).toBeGreaterThan(0);
    ws!.close();
  });

  it('delivers stream writes from the browser as bytes', async () => {
    const { ws } = await openSocket(goodHeaders(host));
    const client = createClient([pipeDomain] as const, transportOver(ws!));
    // Large and never acknowledged, so the stream stays open (paused) while we write to it.
    const res = await client.pipe.open({ size: 10 * STREAM_HIGH_WATERMARK }, { onData: () => {}, onEnd: () => {} });
    if (!res.ok) throw new Error(res.message);
    await waitFor(() => sources[0]?.paused === true, 'the producer to pause');
    res.value.handle.write(new Uint8Array([0, 255, 10]));
    res.value.handle.write('ls -la\r');
    await waitFor(() => sources[0]!.written.length === 2, 'the writes');
    expect([...sources[0]!.written[0]!]).toEqual([0, 255, 10]);
    expect(Buffer.from(sources[0]!.written[1]!).toString()).toBe('ls -la\r');
    ws!.close();
  });

  it('rejects unknown message shapes without crashing, answering invokes it can identify', async () => {
    const { ws } = await openSocket(goodHeaders(host));
    const results: unknown[] = [];
    ws!.on('message', (d: Buffer, bin) => results.push(decodeServerMessage(bin ? new Uint8Array(d) : d.toString())));
    ws!.send('not json');
    ws!.send(JSON.stringify({ t: 'rpc', method: 'fs.read' }));
    ws!.send(JSON.stringify({ t: 'invoke', id: 5, ch: 42 }));
    ws!.send(new Uint8Array([0, 0, 0, 200, 1, 2]), { binary: true });
    ws!.send(JSON.stringify({ t: 'invoke', id: 6, ch: 'nope:nothing', p: null }));
    ws!.send(JSON.stringify({ t: 'send', ch: 'pipe:open:ack', p: { streamId: 's999', bytes: 1 } }));
    ws!.send(JSON.stringify({ t: 'invoke', id: 7, ch: 'settings:get' }));
    await waitFor(() => results.length === 3, 'three answers');
    expect(results).toContainEqual({ t: 'result', id: 5, r: expect.objectContaining({ ok: false, code: 'InvalidRequest' }) });
    expect(results).toContainEqual({ t: 'result', id: 6, r: expect.objectContaining({ ok: false, code: 'InvalidRequest' }) });
    expect(results).toContainEqual({ t: 'result', id: 7, r: expect.objectContaining({ ok: true }) });
    expect(ws!.readyState).toBe(WebSocket.OPEN);
    ws!.close();
  });

  it('closes a connection that sends a frame over the size limit', async () => {
    const { ws } = await openSocket(goodHeaders(host));
    const closed = new Promise<number>((r) => ws!.once('close', (code) => r(code)));
    ws!.send(Buffer.alloc(3 * 1024 * 1024), { binary: true });
    expect(await closed).toBe(1009);
    await waitFor(() => host.connectionCount === 0, 'the peer to go');
  });
});

describe('browser host: HTTP', () => {
  it('exchanges the key for an HttpOnly SameSite=Strict cookie, then serves the app with strict headers', async () => {
    const exchange = await get(`/?key=${host.secret}`);
    expect(exchange.status).toBe(200);
    const cookie = String(exchange.headers['set-cookie']);
    expect(cookie).toContain(`fumidai_key_${host.port}=${host.secret}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(exchange.body).toContain('http-equiv="refresh"');

    const page = await get('/', { Cookie: cookieFor(host) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Fumidai</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain(`ws://127.0.0.1:${host.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // A client-side route reloads into the app; a missing asset is still a 404.
    expect((await get('/settings/language', { Cookie: cookieFor(host) })).body).toContain('<title>Fumidai</title>');
    expect((await get('/assets/missing.js', { Cookie: cookieFor(host) })).status).toBe(404);
    const asset = await get('/assets/app.js', { Cookie: cookieFor(host) });
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('refuses a wrong key, a missing cookie and a foreign Host', async () => {
    expect((await get('/?key=wrong')).status).toBe(403);
    const noCookie = await get('/');
    expect(noCookie.status).toBe(401);
    expect(noCookie.body).toMatch(/link printed in the terminal/);
    expect((await get('/', { Cookie: cookieFor(host), Host: 'attacker.example' })).status).toBe(421);
    expect((await get(`/?key=${host.secret}`, { Host: 'attacker.example' })).status).toBe(421);
  });

  it('never serves files outside the renderer build (path traversal)', async () => {
    const c = { Cookie: cookieFor(host) };
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00', '/%E0%A4%A', '/etc/passwd', '//etc/passwd']) {
      const res = await get(path, c);
      expect(res.body, path).not.toContain('outside the renderer');
      // Refused, or (for extension-less paths) answered with the app itself, never another file.
      if (res.status === 200) expect(res.body, path).toContain('<title>Fumidai</title>');
    }
  });
});

describe('startBrowserHost options', () => {
  it('refuses to listen beyond loopback and explains a missing build', async () => {
    await expect(startBrowserHost({ rendererDir: join(dir, 'renderer'), configDir: dir, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startBrowserHost({ rendererDir: join(dir, 'nothing'), configDir: dir })).rejects.toThrow(/npm run build/);
  });
});
