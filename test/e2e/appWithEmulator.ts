// The usual e2e setting in one call: the embedded emulator, a throwaway HOME whose
// ~/.aws/config names the emulator's SSO session, the standard endpoint override (the app's one
// switch between real AWS and the sandbox), and the built app in Chromium on a real core.
// `signIn` then signs in the way a person does with a device code, approving it on the emulator.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { closeBrowser, launchApp, type E2eApp, type LaunchOptions } from './harness';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { createCore } from '../../main/composition';
import { createAwsFiles } from '../../main/aws/defaults';
import { approveDeviceCode } from '../helpers/emulatorSignIn';

export interface AppWithEmulator {
  readonly app: E2eApp;
  readonly emu: Emulator;
  /** The throwaway home directory (its .aws/config names the emulator's session `acme`). */
  readonly home: string;
  /** Closes the app, the browser and the emulator, restores the environment, removes HOME. */
  close(): Promise<void>;
}

export interface AppWithEmulatorOptions extends Omit<LaunchOptions, 'createCore'> {
  emulator?: EmulatorOptions;
  /** Extra ~/.aws/config text after the `acme` SSO session. */
  extraConfig?: string;
}

export async function startAppWithEmulator(options: AppWithEmulatorOptions = {}): Promise<AppWithEmulator> {
  const saved = { ...process.env };
  const emu = await startEmulator(options.emulator);
  const home = mkdtempSync(join(tmpdir(), 'fumidai-e2e-home-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  const config = join(home, '.aws', 'config');
  writeFileSync(config, `[sso-session acme]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n${options.extraConfig ?? ''}`);
  Object.assign(process.env, { AWS_ENDPOINT_URL: emu.endpoint, HOME: home, AWS_CONFIG_FILE: config });
  const { emulator: _emulator, extraConfig: _extra, ...launch } = options;
  let app: E2eApp;
  try {
    app = await launchApp({
      settings: { language: 'en' },
      ...launch,
      createCore: (o) => createCore({ ...o, env: process.env, aws: createAwsFiles(process.env, o.configDir) }),
    });
  } catch (e) {
    await emu.close();
    process.env = saved;
    rmSync(home, { recursive: true, force: true });
    throw e;
  }
  return {
    app,
    emu,
    home,
    async close() {
      await app.close();
      await closeBrowser();
      await emu.close();
      process.env = saved;
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Signs in from the Accounts view with a device code approved on the emulator, as `user`. */
export async function signIn({ app, emu }: Pick<AppWithEmulator, 'app' | 'emu'>, user = 'alice', password = 'correct-horse-battery'): Promise<void> {
  const page = app.page;
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('signin-device').click();
  await expect.poll(() => page.getByTestId('device-code').isVisible(), { timeout: 15_000 }).toBe(true);
  const userCode = (await page.getByTestId('device-code').textContent())!.trim();
  const approval = await approveDeviceCode(emu.endpoint, userCode, user, password);
  if (!approval.ok) throw new Error(`the emulator refused the device approval for ${user}: HTTP ${approval.status}`);
  await expect.poll(() => page.getByTestId('account-list').isVisible(), { timeout: 20_000 }).toBe(true);
}

/**
 * A person signs in on the emulator's page the app opened (a PKCE authorize URL or a device
 * approval link) in a new tab of the app's browser, and sees `done` (the page's closing heading).
 * Returns the tab, still open, for checks on where it ended.
 */
export async function approveInBrowser(app: E2eApp, url: string, done: string, user = 'alice', password = 'correct-horse-battery') {
  const tab = await app.context.newPage();
  await tab.goto(url);
  await tab.getByLabel('Username').fill(user);
  await tab.getByLabel('Password').fill(password);
  await tab.getByRole('button', { name: 'Allow access' }).click();
  await expect.poll(() => tab.getByRole('heading', { name: done }).isVisible(), { timeout: 15_000 }).toBe(true);
  return tab;
}
