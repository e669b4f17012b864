import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ORIGIN, appContentSecurityPolicy, isAppUrl, isPermissionAllowed, secureWebPreferences } from './security';
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
      }),
    );
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

  it('grants only clipboard writes and notifications, only to the app (#5)', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${APP_ORIGIN}/`)).toBe(true);
    expect(isPermissionAllowed('notifications', `${APP_ORIGIN}/`)).toBe(true);
    expect(isPermissionAllowed('media', `${APP_ORIGIN}/`)).toBe(false);
    expect(isPermissionAllowed('notifications', 'https://evil.example/')).toBe(false);
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

  it('never opens windows; web links go to the allow-list instead', () => {
    const f = fakeContents();
    const opened: string[] = [];
    const logs: string[] = [];
    applyNavigationGuards(f.contents as never, (u) => opened.push(u), (m) => logs.push(m));
    expect(f.open('https://docs.aws.amazon.com/')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
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
