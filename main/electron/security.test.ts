import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ORIGIN, appContentSecurityPolicy, applyPermissionPolicy, isAppUrl, isPermissionAllowed, secureWebPreferences, urlForLog } from './security';
import { applyNavigationGuards } from './navigationGuards';
import { createAppProtocolHandler } from './appProtocol';

// These modules import only types from electron; the mock proves nothing at run time needs it.
vi.mock('electron', () => ({}));

describe('secureWebPreferences', () => {
  it('hardens every window (checklist #2-#4, #6, #8, #9, #11)', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual(
      expect.objectContaining({
        preload: '/app/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        spellcheck: false,
        safeDialogs: true,
      }),
    );
  });

  it('never sets a preference that weakens the sandbox', () => {
    const prefs = secureWebPreferences('/p.cjs') as Record<string, unknown>;
    expect(prefs).not.toHaveProperty('enableBlinkFeatures'); // #10
    expect(prefs).not.toHaveProperty('additionalArguments');
  });
});

describe('CSP and origins', () => {
  it('allows scripts only from the app and no network from the renderer', () => {
    const csp = appContentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
  });

  it('recognises only app://fumidai as the app', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const u of ['file:///index.html', 'https://fumidai/', 'app://evil/', 'app://fumidai.evil/', 'nonsense']) expect(isAppUrl(u)).toBe(false);
  });

  it('matches the CSP the brief asks for, directive by directive', () => {
    const directives = new Map(appContentSecurityPolicy().split('; ').map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    // Inline styles only: React style props and xterm's theme <style> need them; styles cannot run code.
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
  });

  it('logs URLs without their query or fragment', () => {
    expect(urlForLog('https://example.com/cb?code=SECRET#token=SECRET')).toBe('https://example.com/cb');
    expect(urlForLog('not a url')).toBe('(invalid URL)');
  });

  it('grants only clipboard writes and notifications, only to the app (#5)', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${APP_ORIGIN}/`)).toBe(true);
    expect(isPermissionAllowed('notifications', `${APP_ORIGIN}/`)).toBe(true);
    expect(isPermissionAllowed('media', `${APP_ORIGIN}/`)).toBe(false);
    expect(isPermissionAllowed('notifications', 'https://evil.example/')).toBe(false);
  });
});

describe('applyPermissionPolicy (#5)', () => {
  it('routes every request and check through the allow-list', () => {
    let onRequest: ((wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void) | undefined;
    let onCheck: ((wc: unknown, p: string, origin: string) => boolean) | undefined;
    const logs: string[] = [];
    applyPermissionPolicy({ setPermissionRequestHandler: (h: never) => (onRequest = h), setPermissionCheckHandler: (h: never) => (onCheck = h) } as never, (m) => logs.push(m));
    const answers: boolean[] = [];
    onRequest!({}, 'clipboard-sanitized-write', (ok) => answers.push(ok), { requestingUrl: `${APP_ORIGIN}/index.html` });
    onRequest!({}, 'geolocation', (ok) => answers.push(ok), { requestingUrl: `${APP_ORIGIN}/index.html` });
    onRequest!({}, 'notifications', (ok) => answers.push(ok), { requestingUrl: 'https://evil.example/?t=secret' });
    expect(answers).toEqual([true, false, false]);
    expect(logs.join('\n')).toContain('denied the geolocation permission');
    expect(logs.join('\n')).not.toContain('secret');
    expect(onCheck!({}, 'notifications', APP_ORIGIN)).toBe(true);
    expect(onCheck!({}, 'media', APP_ORIGIN)).toBe(false);
    expect(onCheck!({}, 'notifications', 'https://evil.example')).toBe(false);
  });
});

describe('navigation guards (#12-#14)', () => {
  function fakeContents() {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: vi.fn((event: string, h: (...args: unknown[]) => void) => handlers.set(event, h)),
      setWindowOpenHandler: vi.fn((h: typeof openHandler) => (openHandler = h)),
    };
    return { contents, fire: (event: string, ...args: unknown[]) => handlers.get(event)!(...args), open: (url: string) => openHandler!({ url }) };
  }

  it('blocks navigation and redirects away from the app, allows the app itself', () => {
    const f = fakeContents();
    applyNavigationGuards(f.contents as never, () => {});
    const away = { preventDefault: vi.fn() };
    f.fire('will-navigate', away, 'https://evil.example/?token=secret');
    expect(away.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    f.fire('will-redirect', redirect, 'file:///etc/passwd');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    f.fire('will-navigate', inside, `${APP_ORIGIN}/index.html#/settings`);
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks sub-frames navigating away from the app', () => {
    const f = fakeContents();
    applyNavigationGuards(f.contents as never, () => {});
    const sub = { url: 'https://evil.example/', isMainFrame: false, preventDefault: vi.fn() };
    f.fire('will-frame-navigate', sub);
    expect(sub.preventDefault).toHaveBeenCalled();
    const own = { url: `${APP_ORIGIN}/x.html`, isMainFrame: false, preventDefault: vi.fn() };
    f.fire('will-frame-navigate', own);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('never opens windows; web links go to the allow-list instead', () => {
    const f = fakeContents();
    const opened: string[] = [];
    const logs: string[] = [];
    applyNavigationGuards(f.contents as never, (u) => opened.push(u), (m) => logs.push(m));
    expect(f.open('https://docs.aws.amazon.com/')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.aws.amazon.com/']);
    const webview = { preventDefault: vi.fn() };
    f.fire('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    f.fire('will-navigate', { preventDefault() {} }, 'https://evil.example/path?token=secret');
    expect(logs.join('\n')).not.toContain('secret');
  });
});

describe('app:// protocol handler (#18)', () => {
  it('serves the renderer with the CSP, falls back to the shell for routes, and refuses traversal', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fumidai-proto-'));
    try {
      mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
      writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Fumidai</title>');
      writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
      writeFileSync(join(root, 'secret.txt'), 'do not serve');
      const handle = createAppProtocolHandler(join(root, 'renderer'));
      const ok = await handle(new Request(`${APP_ORIGIN}/assets/app.js`));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('text/javascript');
      expect(ok.headers.get('content-security-policy')).toBe(appContentSecurityPolicy());
      expect((await handle(new Request(`${APP_ORIGIN}/settings`))).status).toBe(200);
      for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/missing.js']) {
        const res = await handle(new Request(`${APP_ORIGIN}${path}`));
        expect(res.status, path).toBe(404);
      }
      expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
