// The browser-mode security boundary, proven in real Chromium rather than with hand-made headers:
// another local origin (same site, so the key cookie IS sent) cannot open the WebSocket, a rebound
// DNS name cannot reach the app, nothing can frame it, and a stale or missing key explains itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, closeBrowser, launchApp, type E2eApp } from './harness';

let app: E2eApp;
let other: Server;
let otherOrigin: string;

beforeAll(async () => {
  app = await launchApp({ settings: { language: 'en' } });
  // Another web server on loopback: a stand-in for any local dev server or a hostile local page.
  other = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>other</title><h1>other</h1>');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await new Promise((r) => other?.close(r));
  await closeBrowser();
});

describe('browser mode in real Chromium', () => {
  it('keeps the app working for the page that opened the keyed link', async () => {
    await expect.poll(() => app.page.getByTestId('view-title').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(app.host.connectionCount).toBe(1);
  });

  it("refuses a WebSocket from another local origin even though the browser sends the key cookie", async () => {
    const page = await app.context.newPage();
    await page.goto(otherOrigin);
    const wsUrl = `${app.host.origin.replace('http', 'ws')}/ws`;
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      wsUrl,
    );
    expect(outcome).toBe('refused');
    // Refused by the Origin check: the same-site cookie did arrive, so it alone would not have sufficed.
    expect(app.hostLog.some((l) => l.includes('foreign or missing Origin'))).toBe(true);
    expect(app.host.connectionCount).toBe(1);
    await page.close();
  });

  it('cannot be framed by another page', async () => {
    const page = await app.context.newPage();
    await page.goto(otherOrigin);
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
    }, `${app.host.origin}/`);
    await page.waitForTimeout(1500);
    const frame = page.frames().find((f) => f.url().startsWith(app.host.origin));
    // frame-ancestors 'none' / X-Frame-Options: the app's document never loads in the frame.
    const loaded = frame ? await frame.evaluate(() => document.querySelector('[data-testid="view-title"]') !== null).catch(() => false) : false;
    expect(loaded).toBe(false);
    await page.close();
  });

  it('explains a missing or stale key instead of showing a broken app', async () => {
    const fresh = await app.context.browser()!.newContext();
    const page = await fresh.newPage();
    const missing = await page.goto(`${app.host.origin}/`);
    expect(missing?.status()).toBe(401);
    expect(await page.textContent('body')).toMatch(/link printed in the terminal/);
    const stale = await page.goto(`${app.host.origin}/?key=${'x'.repeat(43)}`);
    expect(stale?.status()).toBe(403);
    expect(await page.textContent('body')).toMatch(/changes on every launch/);
    await fresh.close();
  });

  it('refuses a DNS-rebound name pointing at the host', async () => {
    // Chromium resolves attacker.example to 127.0.0.1, exactly what a rebinding attack achieves.
    const rebound = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--host-resolver-rules=MAP attacker.example 127.0.0.1'] });
    try {
      const page = await rebound.newPage();
      const res = await page.goto(`http://attacker.example:${app.host.port}/?key=${app.host.secret}`);
      expect(res?.status()).toBe(421);
      expect(app.host.connectionCount).toBe(1);
    } finally {
      await rebound.close();
    }
  });
});
