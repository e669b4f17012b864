// Serves the built renderer on app://fumidai/ (Electron checklist #18: a custom protocol instead
// of file://), with the CSP and hardening headers on every response and no way out of the
// renderer directory.
import { loadStaticFile } from '../browser/staticFiles';
import { securityHeaders } from '../browser/securityHeaders';
import { APP_HOST, appContentSecurityPolicy } from './security';

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const headers = securityHeaders(appContentSecurityPolicy());
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404, headers });
    let file = await loadStaticFile(rendererDir, url.pathname);
    // Client-side routes (no file extension) load the app shell.
    if (!file && !/\.[a-z0-9]+$/i.test(url.pathname)) file = await loadStaticFile(rendererDir, '/index.html');
    if (!file) return new Response('Not found', { status: 404, headers });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...headers, 'Content-Type': file.contentType } });
  };
}
