// The first run in Chromium: with no ~/.aws/config the Accounts view is the guided setup. A start
// URL with a typo in its path, then one IAM Identity Center does not know, each get a message that
// says what to fix; the right one is written to ~/.aws/config and offered for sign-in. Then the
// other way in: "Try the demo" starts the sandbox from this checkout, signs in and shows accounts
// under a DEMO badge — and a build without the sandbox says so instead of offering the button.
// FUMIDAI_UPDATE_SCREENSHOTS=1 refreshes the README's screenshots.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeBrowser, keepForReadme, launchApp, type E2eApp } from './harness';
import { startEmulator, type Emulator } from '../../emulator';
import { createCore } from '../../main/composition';
import { createAwsFiles } from '../../main/aws/defaults';
import { sourceCheckoutSandbox } from '../../main/demo/sandboxLoader';
import { signIn } from './appWithEmulator';

const ROOT = join(import.meta.dirname, '..', '..');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A first run: an empty HOME (no ~/.aws at all), the app in Chromium, with or without the sandbox. */
async function firstRun(options: { endpoint?: string; demoSandbox: boolean }): Promise<{ app: E2eApp; home: string }> {
  const saved = { ...process.env };
  const home = mkdtempSync(join(tmpdir(), 'fumidai-e2e-firstrun-'));
  Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
  if (options.endpoint) process.env.AWS_ENDPOINT_URL = options.endpoint;
  else delete process.env.AWS_ENDPOINT_URL;
  const app = await launchApp({
    settings: { language: 'en' },
    viewport: { width: 1280, height: 800 },
    createCore: (o) =>
      createCore({ ...o, env: process.env, aws: createAwsFiles(process.env, o.configDir), ...(options.demoSandbox ? { demo: sourceCheckoutSandbox(ROOT) } : {}) }),
  });
  cleanups.push(async () => {
    await app.close();
    await closeBrowser();
    process.env = saved;
    rmSync(home, { recursive: true, force: true });
  });
  return { app, home };
}

describe('first run', () => {
  it('explains a bad start URL, accepts the right one into ~/.aws/config and offers sign-in', async () => {
    const emu: Emulator = await startEmulator({ ssh: false });
    cleanups.push(() => emu.close());
    const { app, home } = await firstRun({ endpoint: emu.endpoint, demoSandbox: false });
    const page = app.page;
    await expect.poll(() => page.getByTestId('first-run').isVisible(), { timeout: 15_000 }).toBe(true);
    // This build was started without the sandbox, like an installed app: no button, a reason.
    expect(await page.getByTestId('demo-start').count()).toBe(0);
    expect(await page.getByTestId('demo-unavailable').textContent()).toMatch(/not available here.*npm run demo/);
    await app.screenshot('first-run-installed');

    const url = page.getByTestId('setup-start-url');
    const region = page.getByTestId('setup-region');
    const host = new URL(emu.startUrl).hostname;
    // A typo in the path is caught before anything is asked of AWS.
    await url.fill(`https://${host}/strat`);
    await region.fill(emu.region);
    expect(await page.getByTestId('setup-name').inputValue()).toBe(host.split('.')[0]);
    await page.getByTestId('setup-continue').click();
    await expect.poll(() => page.getByTestId('setup-error').textContent()).toContain(`did you mean https://${host}/start`);
    // A directory id IAM Identity Center does not know: the service itself says so.
    const typo = emu.startUrl.replace('d-', 'd-0');
    await url.fill(typo);
    await page.getByTestId('setup-continue').click();
    await expect.poll(() => page.getByTestId('setup-error').textContent()).toContain(`does not know the start URL ${typo}`);
    expect(await page.getByTestId('setup-error').textContent()).toContain('This start URL cannot be used');
    expect(existsSync(join(home, '.aws', 'config'))).toBe(false);
    await keepForReadme(app.screenshot('first-run-typo'), 'first-run-typo');

    await url.fill(emu.startUrl);
    await page.getByTestId('setup-name').fill('acme');
    await page.getByTestId('setup-continue').click();
    await expect.poll(() => page.getByTestId('sso-session-acme').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).toBe(`[sso-session acme]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n`);
    // And the sign-in it leads to works.
    await signIn({ app, emu });
    expect(await page.getByTestId('demo-badge').count()).toBe(0);
    app.expectNoPageErrors();
  }, 120_000);

  it('tries the demo: the sandbox starts, signs in, and everything says DEMO', async () => {
    const { app, home } = await firstRun({ demoSandbox: true });
    const page = app.page;
    await expect.poll(() => page.getByTestId('demo-start').isVisible(), { timeout: 15_000 }).toBe(true);
    await app.screenshot('first-run');
    await page.getByTestId('demo-start').click();
    await expect.poll(() => page.getByTestId('account-list').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('demo-badge').textContent()).toBe('DEMO');
    expect(await page.locator('.statusbar').textContent()).toContain('Demo mode: a sandbox on this computer, not AWS');
    // The sandbox's sign-in page was approved by the demo itself, not opened in a browser.
    expect(app.openedLinks).toEqual([]);
    // Nothing of the demo in the user's AWS files.
    expect(existsSync(join(home, '.aws'))).toBe(false);
    await keepForReadme(app.screenshot('demo-accounts'), 'demo');
    // Profiles of a sandbox that stops with the app would be dangling: refused with the reason.
    await page.getByRole('button', { name: 'Export profiles' }).click();
    await expect.poll(() => page.getByText(/cannot be exported/).isVisible()).toBe(true);
    await page.getByTestId('nav-instances').click();
    await expect.poll(() => page.getByTestId('demo-badge').isVisible()).toBe(true);
    app.expectNoPageErrors();
  }, 120_000);
});
