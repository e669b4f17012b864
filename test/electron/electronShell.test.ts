// The Electron shell end to end, with Playwright's `_electron`: what only a real Electron can show
// — the app:// protocol and its CSP header, the preload's exact surface, blocked navigation and
// windows, the single-instance lock forwarding a fumidai:// link, and a clean quit. It needs an
// Electron binary, which npm no longer downloads on install; the check below looks for one
// without requiring 'electron' (that would start a download). Where there is none this file
// registers one test that prints why it did not run. The unit tests in main/electron/ and
// preload/ cover the same rules with electron mocked, everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
// @ts-expect-error plain ESM script without type declarations
import { electronUnavailableReason, findElectronBinary } from '../../scripts/demo.mjs';
import { DOMAINS } from '../../common/api';
import { rendererContentSecurityPolicy } from '../../main/platform/csp';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const reason: string | undefined = electronUnavailableReason(process.env);

if (reason) {
  describe('Electron shell (end to end)', () => {
    it('is not run on this machine', () => {
      console.log(`Electron shell end-to-end tests not run: ${reason}.`);
    });
  });
} else {
  const binary = findElectronBinary(process.env) as string;
  const mainJs = join(root, 'out', 'main', 'index.js');
  const chromiumFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : []; // root in CI containers
  const home = mkdtempSync(join(tmpdir(), 'fumidai-electron-shell-'));
  // A private HOME: its own userData (and so its own single-instance lock), config and AWS files.
  const configHome = join(home, '.config');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: configHome, AWS_CONFIG_FILE: join(home, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials') };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the binary into plain Node
  let app: ElectronApplication;
  let win: Page;
  let stdout = '';

  beforeAll(async () => {
    mkdirSync(configHome, { recursive: true });
    app = await _electron.launch({ executablePath: binary, args: [mainJs, ...chromiumFlags], env: env as Record<string, string> });
    app.process().stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close().catch(() => {});
    rmSync(home, { recursive: true, force: true });
  });

  describe('Electron shell (end to end)', () => {
    it('serves the UI from app://fumidai with the strict CSP header', async () => {
      expect(win.url()).toBe('app://fumidai/index.html');
      const served = await win.evaluate(async () => {
        const res = await fetch('/index.html');
        return { status: res.status, csp: res.headers.get('content-security-policy'), traversal: (await fetch('/..%2f..%2fpackage.json')).status };
      });
      expect(served).toEqual({ status: 200, csp: rendererContentSecurityPolicy(), traversal: 404 });
    });

    it('exposes exactly the contract as window.fumidai, and nothing of Node or Electron', async () => {
      const surface = await win.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        const api = w.fumidai as Record<string, Record<string, unknown>>;
        return {
          domains: Object.fromEntries(Object.entries(api).map(([d, members]) => [d, Object.keys(members).sort()])),
          leaked: ['require', 'process', 'Buffer', 'global', 'ipcRenderer', 'electron'].filter((k) => typeof w[k] !== 'undefined'),
        };
      });
      expect(surface.leaked).toEqual([]);
      expect(surface.domains).toEqual(Object.fromEntries(DOMAINS.map((d) => [d.name, Object.keys(d.members).sort()])));
      // And the contract works over real IPC.
      const info = await win.evaluate(() => (window as unknown as { fumidai: { app: { getInfo(): Promise<unknown> } } }).fumidai.app.getInfo());
      expect(info).toMatchObject({ ok: true, value: { name: 'Fumidai', host: 'electron' } });
    });

    it('refuses to navigate away or open windows', async () => {
      await win.evaluate(() => {
        location.href = 'https://example.com/';
      });
      await win.evaluate(() => void window.open('https://example.com/', '_blank'));
      await win.waitForTimeout(500);
      expect(win.url()).toMatch(/^app:\/\/fumidai\//);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    });

    it('sends a second launch to the first instance, with its fumidai:// link', async () => {
      const second = spawn(binary, [mainJs, ...chromiumFlags, 'fumidai://open/e2e?code=SECRET'], { env, stdio: 'ignore' });
      const code = await new Promise<number | null>((done, fail) => {
        const timer = setTimeout(() => fail(new Error('the second instance did not exit within 20 s')), 20_000);
        second.once('exit', (c) => {
          clearTimeout(timer);
          done(c);
        });
      });
      expect(code).toBe(0);
      await expect.poll(() => stdout, { timeout: 10_000 }).toContain('received fumidai://open/e2e');
      expect(stdout).not.toContain('SECRET');
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    });

    it('quits cleanly, disposing the core first', async () => {
      const exited = new Promise<number | null>((done) => app.process().once('exit', (c) => done(c)));
      // The evaluate may lose its connection as the process goes away; the exit code is what counts.
      await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => {});
      expect(await exited).toBe(0);
    });
  });
}
