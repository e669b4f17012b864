// Browser mode: serves the built renderer over HTTP on a loopback address and carries the same
// contract over a WebSocket, so the UI runs in any Chromium (end-to-end tests, headless Linux/WSL)
// and cannot tell this transport from Electron IPC. It is a security boundary; the guards are
// listed where they are applied.
//
// Authentication: the printed URL is `http://127.0.0.1:<port>/?key=<secret>`. Loading it exchanges
// the secret for an HttpOnly, SameSite=Strict cookie and navigates to `/` (see `handleKeyExchange`).
// A cookie rather than handing the secret to page script because: the secret leaves the address bar
// at once; no script (ours or injected) can ever read it; the browser re-presents it on reload and on
// every WebSocket reconnect, so the renderer needs no browser-mode-specific auth code; and Strict
// keeps other sites' pages from riding it. Every request and upgrade then needs that cookie.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIP } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCore, type Core, type CoreOptions } from '../composition';
import type { DemoSandbox } from '../demo/demoService';
import { WIRE_MAX_FRAME_BYTES, WIRE_PATH } from '../../common/browserWire';
import { newLaunchSecret, secretMatches } from './secret';
import { hostAllowed, hostIdentity, originAllowed, readCookie, type HostIdentity } from './requestGuards';
import { browserModeCsp, securityHeaders } from './securityHeaders';
import { loadStaticFile } from './staticFiles';
import { serveConnection, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './wsConnection';
import { browserHostPlatform } from './browserPlatform';
import { appVersion } from './version';


/** Query parameter of the printed URL that carries the launch secret. */
export const KEY_PARAM = 'key';
/** A handful of tabs is normal; hundreds of sockets is someone probing. */
const MAX_CONNECTIONS = 32;

export interface BrowserHostOptions {
  /** The built renderer (out/renderer); must contain index.html. */
  rendererDir: string;
  /** Where settings and caches live (defaultConfigDir() for users, a temp dir in tests). */
  configDir: string;
  /** 0 (default) picks a random free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default) or ::1. Anything else is refused. */
  host?: string;
  version?: string;
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
  /** How `app.openExternal` opens links; default: the OS default browser. */
  openExternal?: (url: string) => Promise<void>;
  /** Builds the core; tests may wrap createCore to inspect it. */
  createCore?: (options: CoreOptions) => Promise<Core>;
  /** The demo sandbox, when running from a source checkout (see main/demo/sandboxLoader.ts). */
  demo?: DemoSandbox;
  limits?: Partial<ConnectionLimits>;
}

export interface BrowserHost {
  /** The URL to open, secret included. Print it only to the user who started the host. */
  readonly url: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly secret: string;
  readonly core: Core;
  /** Open WebSocket connections (one per tab). */
  readonly connectionCount: number;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.log ?? (() => {});
  const address = options.host ?? '127.0.0.1';
  // Never listen beyond this machine: the secret would then travel over plain HTTP.
  if (!isLoopback(address)) throw new Error(`Browser mode only listens on a loopback address (127.0.0.1 or ::1), not ${address}.`);
  const rendererDir = resolve(options.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built: ${join(rendererDir, 'index.html')} is missing. Run \`npm run build\` first.`);
  }

  const core = await (options.createCore ?? createCore)({
    configDir: options.configDir,
    version: options.version ?? appVersion(),
    host: browserHostPlatform(options.env ?? process.env, options.openExternal),
    env: options.env,
    log,
    ...(options.demo ? { demo: options.demo } : {}),
  });

  const secret = newLaunchSecret();
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  // perMessageDeflate off: compressing secrets and attacker-influenced data in one stream invites
  // CRIME-style leaks, and terminals are faster without it. maxPayload bounds every frame.
  const wss = new WebSocketServer({ noServer: true, maxPayload: WIRE_MAX_FRAME_BYTES, perMessageDeflate: false });
  const server = createServer();
  // Known once the socket is bound (the port may be random); no request arrives before that.
  const bound: { id?: HostIdentity } = {};
  let nextPeer = 1;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handleRequest(req, res).catch((e: unknown) => {
      log(`browser host: request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) respond(res, req, 500, 'Something went wrong inside Fumidai. See the terminal that started it.');
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ident = bound.id!;
    // DNS-rebinding guard (requestGuards.ts): only our loopback name and port.
    if (!hostAllowed(req.headers.host, ident)) return respond(res, req, 421, 'This address is not served here. Use the URL Fumidai printed.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return respond(res, req, 405, 'Only GET is served here.', { Allow: 'GET, HEAD' });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', ident.origin);
    } catch {
      return respond(res, req, 400, 'Bad request.');
    }
    if (url.searchParams.has(KEY_PARAM)) return handleKeyExchange(req, res, url, ident);
    // Everything else needs the cookie: without it a page, a local process or a rebinding attacker
    // cannot even load the app.
    if (!secretMatches(readCookie(req.headers.cookie, cookieName(ident)), secret)) {
      return respond(res, req, 401, 'This Fumidai window needs the link printed in the terminal that started `fumidai web` (it carries a key that changes on every launch).');
    }
    if (url.pathname === WIRE_PATH) return respond(res, req, 426, 'WebSocket only.', { Upgrade: 'websocket' });
    // Path-traversal guard lives in staticFiles.ts: nothing outside the renderer build is served.
    let file = await loadStaticFile(rendererDir, url.pathname);
    // Client-side routes (a path without a file extension) reload into the app, not a 404.
    if (!file && !/\.[a-z0-9]+$/i.test(url.pathname)) file = await loadStaticFile(rendererDir, '/');
    if (!file) {
      // Browsers ask for /favicon.ico on their own; a build without one should not log an error.
      if (url.pathname === '/favicon.ico') return void (res.writeHead(204, headers(ident)), res.end());
      return respond(res, req, 404, 'Not found.');
    }
    res.writeHead(200, { ...headers(ident), 'Content-Type': file.contentType, 'Content-Length': String(file.body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function handleKeyExchange(req: IncomingMessage, res: ServerResponse, url: URL, ident: HostIdentity): void {
    if (url.pathname !== '/' || !secretMatches(url.searchParams.get(KEY_PARAM) ?? undefined, secret)) {
      return respond(res, req, 403, 'This link does not match the running Fumidai. The key changes on every launch: use the link printed by the latest `fumidai web`.');
    }
    // Session cookie (no Max-Age): it dies with the browser session and is useless after the host
    // stops. HttpOnly: page script never sees it. SameSite=Strict: other sites' requests never carry
    // it. The port is in the name because cookies ignore ports and two hosts may run at once.
    const cookie = `${cookieName(ident)}=${secret}; Path=/; HttpOnly; SameSite=Strict`;
    // A same-document meta refresh instead of a 303: a navigation we start ourselves is same-site,
    // so the Strict cookie is sent even when the link was clicked on another site (a redirect in a
    // cross-site chain would drop it). It also replaces the key URL in the tab's history.
    const body = '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=/"><title>Fumidai</title><a href="/">Continue to Fumidai</a>';
    res.writeHead(200, { ...headers(ident), 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': cookie, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const ident = bound.id!;
    const refuse = (status: number, reason: string) => {
      log(`browser host: refused a WebSocket (${status}): ${reason}`);
      const body = `${reason}\n`;
      socket.once('finish', () => socket.destroy());
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    let path: string;
    try {
      path = new URL(req.url ?? '/', ident.origin).pathname;
    } catch {
      return refuse(400, 'bad request');
    }
    if (path !== WIRE_PATH) return refuse(404, 'unknown WebSocket path');
    // DNS-rebinding guard: a rebound name still sends its own Host header.
    if (!hostAllowed(req.headers.host, ident)) return refuse(421, 'foreign Host header');
    // Cross-site WebSocket hijacking guard: only pages of our own origin.
    if (!originAllowed(req.headers.origin, ident)) return refuse(403, 'foreign or missing Origin');
    // The launch secret, compared in constant time.
    if (!secretMatches(readCookie(req.headers.cookie, cookieName(ident)), secret)) return refuse(401, 'missing or wrong launch key');
    if (wss.clients.size >= MAX_CONNECTIONS) return refuse(503, 'too many connections');
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const peerId = `browser-${nextPeer++}`;
      serveConnection(ws, peerId, core.dispatcher, log, limits);
    });
  });

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, address, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (e) {
    await core.dispose();
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'EADDRINUSE' ? `Port ${options.port} is already in use; choose another with --port or omit it for a random one.` : `Browser mode could not listen: ${(e as Error).message}`;
    throw new Error(message, { cause: e });
  }
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('Browser mode could not determine its port.');
  const ident = (bound.id = hostIdentity(address, addr.port));

  let closed: Promise<void> | undefined;
  return {
    url: `${ident.origin}/?${KEY_PARAM}=${secret}`,
    origin: ident.origin,
    port: ident.port,
    secret,
    core,
    get connectionCount() {
      return wss.clients.size;
    },
    close() {
      closed ??= (async () => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
        await core.dispose();
      })();
      return closed;
    },
  };

  function headers(ident: HostIdentity): Record<string, string> {
    return securityHeaders(browserModeCsp(ident.origin));
  }

  function respond(res: ServerResponse, req: IncomingMessage, status: number, message: string, extra: Record<string, string> = {}): void {
    const body = `${message}\n`;
    const ident = bound.id;
    res.writeHead(status, {
      ...(ident ? headers(ident) : {}),
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

function cookieName(ident: HostIdentity): string {
  return `fumidai_key_${ident.port}`;
}

function isLoopback(address: string): boolean {
  if (address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}
