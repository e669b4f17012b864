// Sign-in end to end: the built app in Chromium, the real core, and the embedded AWS emulator.
// The device code shown in the app is approved on the emulator's sign-in page in a second tab,
// exactly as a person does it; then the accounts appear grouped by environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeBrowser, keepForReadme, launchApp, type E2eApp } from './harness';
import { approveInBrowser } from './appWithEmulator';
import { startEmulator, type Emulator } from '../../emulator';
import { createCore } from '../../main/composition';
import { createAwsFiles } from '../../main/aws/defaults';

/** The renderer exposes its xterm instances to automation only (navigator.webdriver). */
interface TestWindow {
  __fumidaiTerminals?: Map<string, { buffer: { active: { length: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } } }>;
}

let emu: Emulator;
let app: E2eApp;
let home: string;
const saved = { ...process.env };

beforeAll(async () => {
  emu = await startEmulator();
  home = mkdtempSync(join(tmpdir(), 'fumidai-e2e-home-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), `[default]\nregion = us-west-2\n\n[sso-session acme]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n`);
  // The one switch between real AWS and the sandbox: the standard endpoint override.
  Object.assign(process.env, { AWS_ENDPOINT_URL: emu.endpoint, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
  app = await launchApp({
    settings: { language: 'en' },
    createCore: (options) => createCore({ ...options, env: process.env, aws: createAwsFiles(process.env, options.configDir) }),
  });
});

afterAll(async () => {
  await app?.close();
  await closeBrowser();
  await emu?.close();
  process.env = saved;
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('sign-in and accounts', () => {
  it('signs in with a device code approved on the sign-in page, then lists accounts by environment', async () => {
    const page = app.page;
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('signin-device').click();
    const code = page.getByTestId('device-code');
    await expect.poll(() => code.isVisible(), { timeout: 15_000 }).toBe(true);
    const userCode = (await code.textContent())!.trim();
    expect(userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    await app.screenshot('signin-device-code');

    // The person approves in the browser tab the app opened.
    expect(app.openedLinks.some((l) => l.includes(`user_code=${userCode}`))).toBe(true);
    await (await approveInBrowser(app, `${emu.endpoint}/device?user_code=${userCode}`, 'Request approved')).close();

    const list = page.getByTestId('account-list');
    await expect.poll(() => list.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('account-111111111111').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('group-production').getByText('acme-prod').isVisible()).toBe(true);
    expect(await page.getByTestId('group-development').getByText('acme-dev').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('session-status-acme').textContent()).toMatch(/acme · \d+:\d\d/);

    await page.getByTestId('accounts-search').fill('stg');
    await expect.poll(() => page.getByTestId('account-111111111111').count()).toBe(0);
    expect(await page.getByTestId('account-222222222222').isVisible()).toBe(true);
    await page.getByTestId('accounts-search').fill('');

    await page.getByTestId('favorite-333333333333').click();
    await expect.poll(() => page.getByTestId('group-favorites').getByText('acme-dev').isVisible()).toBe(true);
    await keepForReadme(app.screenshot('accounts'), 'app');

    await page.reload();
    await expect.poll(() => page.getByTestId('group-favorites').getByText('acme-dev').isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('signs out, then signs in with the browser (PKCE) through the authorization page and the loopback callback', async () => {
    const page = app.page;
    await page.getByTestId('session-status-acme').getByRole('button').click();
    await expect.poll(() => page.getByTestId('signin-browser').isVisible(), { timeout: 15_000 }).toBe(true);
    const before = app.openedLinks.length;
    await page.getByTestId('signin-browser').click();
    await expect.poll(() => app.openedLinks.length).toBeGreaterThan(before);
    const authorizeUrl = app.openedLinks.at(-1)!;
    expect(authorizeUrl).toMatch(new RegExp(`^${emu.endpoint}/authorize\\?response_type=code&client_id=`));
    expect(authorizeUrl).toContain('code_challenge_method=S256');

    // The user's browser: sign in on the authorization page; it redirects to Fumidai's loopback callback.
    const browser = await approveInBrowser(app, authorizeUrl, 'Signed in to Fumidai');
    expect(browser.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?/);
    await browser.close();

    await expect.poll(() => page.getByTestId('account-111111111111').isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('re-groups accounts when the user adds an environment rule in Settings', async () => {
    const page = app.page;
    await page.getByTestId('nav-settings').click();
    await page.getByRole('button', { name: 'Add rule', exact: true }).click();
    const rule = page.getByTestId('env-rule-0');
    await rule.getByRole('textbox').fill('acme-stg');
    await rule.getByRole('combobox').selectOption('production');
    await expect.poll(() => app.host.core.settings.get().environmentRules).toEqual([{ match: 'acme-stg', environment: 'production' }]);
    await page.getByTestId('nav-accounts').click();
    await expect.poll(() => page.getByTestId('group-production').getByText('acme-stg').isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it('lists instances across accounts and regions with how to reach each, and filters by tag', async () => {
    const page = app.page;
    await page.getByTestId('nav-instances').click();
    await expect.poll(() => page.getByTestId('instance-i-0a11111111111111a').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('route-i-0a11111111111111a').textContent()).toBe('Session Manager');
    await expect.poll(() => page.getByTestId('route-i-0c33333333333333d').textContent()).toBe('SSH via bastion');
    expect(await page.getByTestId('route-i-0b22222222222222b').textContent()).toBe('Unreachable');
    expect(await page.getByTestId('instance-i-0c33333333333333e').isVisible()).toBe(true); // us-west-2, named in ~/.aws/config
    const started = await page.evaluate(() => performance.now());
    await page.getByTestId('instances-search').fill('tag:Role=bastion');
    await expect.poll(() => page.locator('[data-testid^="instance-i-"]').count()).toBe(2);
    expect((await page.evaluate(() => performance.now())) - started).toBeLessThan(2_000);
    await app.screenshot('instances');
  });

  it('opens a shell from the instance list, runs a command, and ends it with its exit code', async () => {
    const page = app.page;
    await page.getByTestId('instances-search').fill('dev-app-1');
    await page.getByTestId('open-shell-i-0c33333333333333a').click();
    await expect.poll(() => page.getByTestId('view-title').textContent()).toMatch(/sessions/i);
    const text = () => page.evaluate(() => {
      const term = [...((window as unknown as TestWindow).__fumidaiTerminals?.values() ?? [])].at(-1);
      if (!term) return '';
      const buf = term.buffer.active;
      return Array.from({ length: buf.length }, (_, i) => buf.getLine(i)?.translateToString(true) ?? '').join('\n');
    });
    await expect.poll(text, { timeout: 20_000 }).toMatch(/ssm-user@.*\$ ?$/m);
    await expect.poll(() => page.getByTestId('tab-state-i-0c33333333333333a').textContent()).toBe('live');
    await page.keyboard.type('echo $((6*7))\n');
    await expect.poll(text).toMatch(/^42$/m);
    const sizes = async () => [...(await text()).matchAll(/^(\d+) (\d+)$/gm)].map((m) => `${m[1]}x${m[2]}`);
    await page.keyboard.type('stty size\n');
    await expect.poll(async () => (await sizes()).length).toBe(1);
    const before = (await sizes())[0];
    await page.setViewportSize({ width: 900, height: 600 });
    await page.waitForTimeout(300);
    await page.keyboard.type('stty size\n');
    await expect.poll(async () => (await sizes()).length).toBe(2);
    expect((await sizes())[1]).not.toBe(before); // the resize reached the remote PTY
    await page.setViewportSize({ width: 1280, height: 800 });
    await app.screenshot('terminal');
    await page.keyboard.type('exit 3\n');
    await expect.poll(() => page.getByTestId('tab-state-i-0c33333333333333a').textContent(), { timeout: 15_000 }).toBe('ended (3)');
  });

  it('asks for a reason before a production shell, shows the red frame, and runs as the operator user', async () => {
    const page = app.page;
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-search').fill('prod-web-1');
    await page.getByTestId('open-shell-i-0a11111111111111a').click();
    await expect.poll(() => page.getByTestId('production-confirm').isVisible()).toBe(true);
    await page.getByTestId('production-reason').fill('INC-4242 restart nginx');
    await page.getByRole('button', { name: 'Open production shell' }).click();
    await expect.poll(() => page.locator('.terminals--production').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(() => page.evaluate(() => [...((window as unknown as TestWindow).__fumidaiTerminals?.values() ?? [])].at(-1)?.buffer.active.getLine(0)?.translateToString(true) ?? ''), { timeout: 20_000 })
      .toContain('ops@');
    const trail = emu.world.events.filter((e) => e.eventName === 'StartSession').at(-1)!;
    expect(trail.requestParameters).toMatchObject({ target: 'i-0a11111111111111a', reason: 'INC-4242 restart nginx' });
    await keepForReadme(app.screenshot('terminal-production'), 'terminal');
  });
});
