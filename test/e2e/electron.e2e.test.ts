// The real Electron app, driven by Playwright's `_electron`. It needs an Electron binary, which npm
// no longer downloads on install and which CI machines without internet do not have (see the
// README's testing section); there the test prints one line saying why it did not run. Everything
// else about the app is covered in browser mode (app.e2e.test.ts), which shares the renderer and core.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
// @ts-expect-error plain ESM script without type declarations
import { electronUnavailableReason, findElectronBinary } from '../../scripts/demo.mjs';
import { ARTIFACTS_DIR } from './harness';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const reason: string | undefined = electronUnavailableReason(process.env);

let app: ElectronApplication | undefined;
let home: string | undefined;

afterAll(async () => {
  await app?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('Electron app', () => {
  it('starts a hardened window that shows the app frame and exposes only window.fumidai', async () => {
    if (reason) {
      console.log(`Electron end-to-end test not run: ${reason}.`);
      return;
    }
    home = mkdtempSync(join(tmpdir(), 'fumidai-electron-e2e-'));
    app = await _electron.launch({
      executablePath: findElectronBinary(process.env) as string,
      args: [join(root, 'out', 'main', 'index.js'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, HOME: home, FUMIDAI_CONFIG_DIR: join(home, 'config'), AWS_CONFIG_FILE: join(home, 'aws-config') } as Record<string, string>,
    });
    const win = await app.firstWindow();
    const errors: string[] = [];
    win.on('pageerror', (e) => errors.push(e.message));
    await expect.poll(() => win.getByTestId('view-title').isVisible(), { timeout: 20_000 }).toBe(true);

    // The preload exposed the contract's functions, and nothing of Node or Electron leaked in.
    const surface = await win.evaluate(() => ({
      fumidai: typeof window.fumidai?.settings?.get,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      protocol: location.protocol,
    }));
    expect(surface).toEqual({ fumidai: 'function', require: 'undefined', process: 'undefined', protocol: expect.not.stringMatching(/^file:/) });

    // One window, and it refuses to open others (window.open is denied by the main process).
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    await win.evaluate(() => void window.open('https://example.com/'));
    await win.waitForTimeout(500);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    await win.getByTestId('nav-settings').click();
    await expect.poll(() => win.getByTestId('view-title').textContent()).toMatch(/settings/i);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await win.screenshot({ path: join(ARTIFACTS_DIR, 'electron-app-frame.png') });
    expect(errors).toEqual([]);
  });
});
