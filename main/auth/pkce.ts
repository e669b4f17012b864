// The authorization-code flow with PKCE on a loopback redirect, as AWS CLI v2 runs it: the
// callback port is bound before the browser opens, `state` is checked, and the wait gives up
// after five minutes or when the user cancels.
import { createServer, type Server } from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { FumidaiError } from '../../common/api/errors';

const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export function createCodeVerifier(length = 64): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += VERIFIER_ALPHABET[bytes[i]! % VERIFIER_ALPHABET.length];
  return out;
}

export function codeChallengeFor(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export interface AuthorizeUrlInput {
  oidcEndpoint: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[];
}

export function buildAuthorizeUrl(i: AuthorizeUrlInput): string {
  const q = (v: string) => encodeURIComponent(v);
  return (
    `${i.oidcEndpoint}/authorize?response_type=code&client_id=${q(i.clientId)}&redirect_uri=${q(i.redirectUri)}` +
    `&state=${q(i.state)}&code_challenge_method=S256&scopes=${q(i.scopes.join(' '))}&code_challenge=${i.codeChallenge}`
  );
}

export interface LoopbackCallback {
  redirectUri: string;
  state: string;
  codeVerifier: string;
  codeChallenge: string;
  /** Resolves with the authorization code once the browser comes back with the right state. */
  code: Promise<string>;
  close(): void;
}

const PAGE = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>` +
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
  `<style>body{font:16px system-ui,sans-serif;max-width:36em;margin:4em auto;color:#222}h1{font-size:1.3em}</style></head>` +
  `<body><h1>${title}</h1><p>${body}</p></body></html>`;

/** Binds the loopback callback first, so the redirect URI is known before the browser opens. */
export async function startLoopbackCallback(options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<LoopbackCallback> {
  const state = randomUUID();
  const codeVerifier = createCodeVerifier();
  let resolveCode!: (code: string) => void;
  let rejectCode!: (e: Error) => void;
  const code = new Promise<string>((res, rej) => {
    resolveCode = res;
    rejectCode = rej;
  });
  code.catch(() => {}); // the caller awaits it; avoid unhandled rejections if it never does

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/oauth/callback') {
      res.writeHead(404).end();
      return;
    }
    const send = (status: number, title: string, body: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE(title, body));
    };
    // RFC 6749 §10.12: a callback whose state we did not issue is not ours; ignore its code.
    if (url.searchParams.get('state') !== state) {
      send(400, 'Sign-in link not recognised', 'This sign-in response does not belong to the sign-in Fumidai started. Start the sign-in again from Fumidai.');
      return;
    }
    const error = url.searchParams.get('error');
    if (error) {
      const description = url.searchParams.get('error_description') ?? error;
      send(200, 'Sign-in was not completed', 'You can close this tab and return to Fumidai.');
      rejectCode(new FumidaiError(error === 'access_denied' ? 'AccessDenied' : 'InvalidConfig', `The sign-in was not completed: ${description}`));
      finish();
      return;
    }
    const value = url.searchParams.get('code');
    if (!value) {
      send(400, 'Sign-in response incomplete', 'The response had no authorization code. Start the sign-in again from Fumidai.');
      return;
    }
    send(200, 'Signed in to Fumidai', 'You can close this tab and return to Fumidai. / サインインしました。このタブを閉じて Fumidai に戻ってください。');
    resolveCode(value);
    finish();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const timer = setTimeout(
    () => {
      rejectCode(new FumidaiError('Timeout', 'The browser sign-in did not finish within 5 minutes. Start it again, or use the device code instead.'));
      finish();
    },
    options.timeoutMs ?? 5 * 60_000,
  );
  const onAbort = () => {
    rejectCode(new FumidaiError('Cancelled', 'Sign-in cancelled.'));
    finish();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  let finished = false;
  function finish() {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections?.();
  }

  return {
    redirectUri: `http://127.0.0.1:${port}/oauth/callback`,
    state,
    codeVerifier,
    codeChallenge: codeChallengeFor(codeVerifier),
    code,
    close: () => {
      rejectCode(new FumidaiError('Cancelled', 'Sign-in cancelled.'));
      finish();
    },
  };
}
