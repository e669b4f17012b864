// Drives the built renderer in real Chromium against the real core, over browser mode. Each app
// gets its own host (random port, fresh launch key) and a temporary config directory, so suites
// never touch the user's settings and never depend on each other.
//
// Failing loudly is the point: any uncaught page error or console error fails the test that
// caused it (call `expectNoPageErrors()`), and screenshots land in test-results/e2e/ as artifacts.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../main/browser/host';
import type { Core, CoreOptions } from '../../main/composition';
import type { SettingsPatch } from '../../common/api/settings';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// FUMIDAI_E2E_RENDERER_DIR runs the suites against another build (e.g. a packaged app's renderer).
export const RENDERER_DIR = process.env.FUMIDAI_E2E_RENDERER_DIR ? resolve(process.env.FUMIDAI_E2E_RENDERER_DIR) : join(root, 'out', 'renderer');
export const ARTIFACTS_DIR = join(root, 'test-results', 'e2e');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** Settings written through the core before the page loads. */
  settings?: SettingsPatch;
  /** The locale Chromium reports (navigator.language) and the host's OS locale. */
  locale?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Wraps core creation (e.g. to register fixtures on the dispatcher). */
  createCore?: (options: CoreOptions) => Promise<Core>;
  /** A config directory that outlives this app (to start the host again on the same state). */
  configDir?: string;
}

export interface E2eApp {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly host: BrowserHost;
  /** Links the UI asked the OS to open (nothing is really opened in tests). */
  readonly openedLinks: readonly string[];
  /** What the host logged (refused connections, dropped frames); never payloads. */
  readonly hostLog: readonly string[];
  /** Uncaught page errors and console errors seen so far. */
  readonly errors: readonly string[];
  /** Throws, listing them, if the page reported any error since the last call. */
  expectNoPageErrors(): void;
  /** Saves a full-page PNG under test-results/e2e/ and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const DOCS_SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/**
 * The README's screenshots are this suite's: with FUMIDAI_UPDATE_SCREENSHOTS=1 a screenshot taken
 * by a test is also copied to docs/screenshots/<docsName>.png. Returns the artifact's path.
 */
export async function keepForReadme(file: string | Promise<string>, docsName: string): Promise<string> {
  const path = await file;
  if (process.env.FUMIDAI_UPDATE_SCREENSHOTS) {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(path, join(DOCS_SCREENSHOTS, `${docsName}.png`));
  }
  return path;
}

let browser: Browser | undefined;

/** One Chromium per test file; each app gets its own context (cookies, storage). */
async function sharedBrowser(): Promise<Browser> {
  if (browser?.isConnected()) return browser;
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export function requireBuiltRenderer(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `The built renderer is missing (${join(RENDERER_DIR, 'index.html')}). End-to-end tests run against the build: ` +
        'run `npx electron-vite build` first (`npm test` and `npm run test:e2e` do this for you).',
    );
  }
}

export async function launchApp(options: LaunchOptions = {}): Promise<E2eApp> {
  requireBuiltRenderer();
  const locale = options.locale ?? 'en-US';
  const dir = mkdtempSync(join(tmpdir(), 'fumidai-e2e-'));
  const openedLinks: string[] = [];
  const errors: string[] = [];
  const hostLog: string[] = [];
  const host = await startBrowserHost({
    rendererDir: RENDERER_DIR,
    configDir: options.configDir ?? join(dir, 'config'),
    // A private HOME: nothing is read from or written to the real ~/.aws or config.
    env: { HOME: dir, LANG: `${locale.replace('-', '_')}.UTF-8`, AWS_CONFIG_FILE: join(dir, 'aws', 'config'), PATH: process.env.PATH },
    openExternal: async (url) => void openedLinks.push(url),
    log: (m) => {
      hostLog.push(m);
      if (process.env.FUMIDAI_E2E_VERBOSE) console.log(`[host] ${m}`);
    },
    createCore: options.createCore,
  });
  if (options.settings) await host.core.settings.update(options.settings);

  let context: BrowserContext | undefined;
  try {
    const b = await sharedBrowser();
    context = await b.newContext({
      locale,
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport ?? { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console error: ${msg.text()}`);
    });
    page.on('crash', () => errors.push('the page crashed'));
    // The printed URL: it exchanges the launch key for the session cookie, then loads the app.
    await page.goto(host.url);
    await page.waitForURL(`${host.origin}/`);
    await page.waitForLoadState('load');

    let reported = 0;
    const ctx = context;
    return {
      page,
      context: ctx,
      host,
      openedLinks,
      errors,
      hostLog,
      expectNoPageErrors() {
        const fresh = errors.slice(reported);
        reported = errors.length;
        if (fresh.length > 0) throw new Error(`The page reported errors:\n  ${fresh.join('\n  ')}`);
      },
      async screenshot(name) {
        mkdirSync(ARTIFACTS_DIR, { recursive: true });
        const file = join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      async close() {
        await ctx.close().catch(() => {});
        await host.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context?.close().catch(() => {});
    await host.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
