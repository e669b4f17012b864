// The first end-to-end test: the built app in real Chromium, over browser mode, against the real
// core. Selectors are the renderer's stable test ids and ARIA roles, never CSS structure.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { closeBrowser, launchApp, type E2eApp } from './harness';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const VIEWS = [
  { id: 'accounts', english: /accounts/i },
  { id: 'instances', english: /instances/i },
  { id: 'sessions', english: /sessions/i },
  { id: 'history', english: /history/i },
  { id: 'settings', english: /settings/i },
] as const;

let app: E2eApp;

beforeAll(async () => {
  // Explicit English so the test does not depend on the machine's locale.
  app = await launchApp({ settings: { language: 'en' } });
});

afterEach(() => {
  // Any uncaught error or console error (a CSP violation included) fails the test that caused it.
  app?.expectNoPageErrors();
});

afterAll(async () => {
  await app?.close();
  await closeBrowser();
});

const title = () => app.page.getByTestId('view-title');
const nav = (id: string) => app.page.getByTestId(`nav-${id}`);

describe('the app in browser mode', () => {
  it('loads the app frame with its navigation', async () => {
    await expect.poll(() => title().isVisible(), { timeout: 15_000 }).toBe(true);
    for (const view of VIEWS) expect(await nav(view.id).isVisible(), `nav-${view.id}`).toBe(true);
    expect(await app.page.getByRole('navigation').count()).toBeGreaterThan(0);
    expect(app.host.connectionCount).toBe(1);
  });

  it('navigates between Accounts, Instances, Sessions and Settings', async () => {
    for (const view of VIEWS) {
      await nav(view.id).click();
      await expect.poll(() => title().textContent()).toMatch(view.english);
    }
    // And back again, so navigation is not one-way.
    await nav('accounts').click();
    await expect.poll(() => title().textContent()).toMatch(/accounts/i);
  });

  it('reaches navigation from the keyboard', async () => {
    await app.page.locator('body').click({ position: { x: 1, y: 1 } }).catch(() => {});
    let focused: string | null = null;
    for (let i = 0; i < 30 && focused !== 'nav-sessions'; i++) {
      await app.page.keyboard.press('Tab');
      focused = await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    }
    expect(focused, 'Tab never reached nav-sessions').toBe('nav-sessions');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => title().textContent()).toMatch(/sessions/i);
  });

  it('switches the UI to Japanese in Settings, keeps it across a reload, and switches back', async () => {
    await nav('settings').click();
    const language = app.page.getByTestId('settings-language');
    await expect.poll(() => language.isVisible()).toBe(true);
    const options = await language.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(['system', 'en', 'ja']));
    const englishNav = await nav('accounts').textContent();

    await language.selectOption('ja');
    await expect.poll(() => title().textContent()).toMatch(JAPANESE);
    await expect.poll(() => nav('accounts').textContent()).toMatch(JAPANESE);
    // The choice went through the contract into the core's persisted settings.
    await expect.poll(() => app.host.core.settings.get().language).toBe('ja');
    await app.screenshot('app-frame-japanese');

    await app.page.reload();
    await expect.poll(() => nav('accounts').textContent(), { timeout: 15_000 }).toMatch(JAPANESE);

    await nav('settings').click();
    await app.page.getByTestId('settings-language').selectOption('en');
    await expect.poll(() => title().textContent()).toMatch(/settings/i);
    expect(await nav('accounts').textContent()).toBe(englishNav);
    await expect.poll(() => app.host.core.settings.get().language).toBe('en');
  });

  it('follows the OS colour scheme (light and dark)', async () => {
    // The background actually painted behind the title: the first ancestor with an opaque colour.
    const backgroundLuminance = () =>
      app.page.getByTestId('view-title').evaluate((el) => {
        for (let node: Element | null = el; node; node = node.parentElement) {
          const m = getComputedStyle(node).backgroundColor.match(/[\d.]+/g)?.map(Number);
          if (m && (m.length < 4 || m[3]! > 0.5)) return 0.2126 * m[0]! + 0.7152 * m[1]! + 0.0722 * m[2]!;
        }
        return 255; // nothing painted: the browser's default white canvas
      });
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(backgroundLuminance).toBeLessThan(100);
    await app.screenshot('app-frame-dark');
    await app.page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(backgroundLuminance).toBeGreaterThan(155);
  });

  it('saves a screenshot of the app frame as a test artifact', async () => {
    await nav('accounts').click();
    await expect.poll(() => title().textContent()).toMatch(/accounts/i);
    const file = await app.screenshot('app-frame');
    // A blank page compresses to almost nothing; the frame with navigation does not.
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });
});
