// First contact with no ~/.aws/config: the Accounts view explains what to do and lets the user
// add a session; a typo in the start URL gets a message that says how to fix it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeBrowser, launchApp, type E2eApp } from './harness';
import { createCore } from '../../main/composition';
import { createAwsFiles } from '../../main/aws/defaults';

let app: E2eApp;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'fumidai-e2e-empty-'));
  const env = { ...process.env, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') };
  app = await launchApp({ settings: { language: 'en' }, createCore: (o) => createCore({ ...o, env, aws: createAwsFiles(env, o.configDir) }) });
});
afterAll(async () => {
  await app?.close();
  await closeBrowser();
  rmSync(home, { recursive: true, force: true });
});

describe('adding an SSO session', () => {
  it('rejects a typo with a helpful message, then adds the session and offers sign-in', async () => {
    const page = app.page;
    await page.getByTestId('nav-accounts').click();
    await expect.poll(() => page.getByTestId('add-session-form').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('add-session-name').fill('acme');
    await page.getByTestId('add-session-url').fill('https://d-1234567890.awsapps.com/');
    await page.getByTestId('add-session-region').fill('ap-northeast-1');
    await page.getByRole('button', { name: 'Add session' }).click();
    await expect.poll(() => page.getByTestId('add-session-error').textContent()).toContain('/start');
    await page.getByTestId('add-session-url').fill('d-1234567890.awsapps.com/start');
    await page.getByRole('button', { name: 'Add session' }).click();
    await expect.poll(() => page.getByTestId('sso-session-acme').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('sso-session-acme').textContent()).toContain('https://d-1234567890.awsapps.com/start');
  });
});
