// The first run against the sandbox with the real core: the start-URL check asks the sandbox's
// IAM Identity Center (typo → explained, right one → accepted), the session is written into
// ~/.aws/config, and "Try the demo" loads the emulator from the checkout, signs in and lists
// accounts — without writing anything of the demo to the user's files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../../emulator';
import { createCore, type Core } from '../../../main/composition';
import { createAwsFiles } from '../../../main/aws/defaults';
import { sourceCheckoutSandbox } from '../../../main/demo/sandboxLoader';
import { DEMO_SESSION_NAME } from '../../../main/demo/demoOverlay';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const saved = { ...process.env };
let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'fumidai-firstrun-'));
  Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
  delete process.env.AWS_ENDPOINT_URL;
});
afterAll(() => {
  process.env = saved;
  rmSync(home, { recursive: true, force: true });
});

function core(configDir: string, withSandbox: boolean): Promise<Core> {
  return createCore({
    configDir,
    version: 'test',
    host: { kind: 'browser', openExternal: async () => {}, osLocale: () => 'en-US' },
    env: process.env,
    aws: createAwsFiles(process.env, configDir),
    ...(withSandbox ? { demo: sourceCheckoutSandbox(root) } : {}),
  });
}

describe('first run', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ ssh: false });
    process.env.AWS_ENDPOINT_URL = emu.endpoint;
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL;
    await emu.close();
  });

  it('checks the start URL with IAM Identity Center, then writes the session to ~/.aws/config', async () => {
    const c = await core(join(home, 'app-a'), false);
    try {
      const typo = emu.startUrl.replace(/d-(\w)/, 'd-x$1');
      const bad = await c.dispatcher.handleInvoke('t', 'setup:checkStartUrl', { startUrl: typo, region: emu.region });
      expect(bad).toMatchObject({ ok: false, code: 'InvalidConfig', message: expect.stringContaining(`does not know the start URL ${typo}`) });
      const good = await c.dispatcher.handleInvoke('t', 'setup:checkStartUrl', { startUrl: emu.startUrl, region: emu.region });
      expect(good).toEqual({ ok: true, value: { startUrl: emu.startUrl, region: emu.region } });
      const added = await c.dispatcher.handleInvoke('t', 'auth:addSession', { name: 'acme', startUrl: emu.startUrl, region: emu.region, writeToAwsConfig: true });
      expect(added).toMatchObject({ ok: true, value: { id: 'acme', source: 'sso-session', state: 'signed-out' } });
      expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).toContain(`[sso-session acme]\nsso_start_url = ${emu.startUrl}\n`);
    } finally {
      await c.dispose();
    }
  });
});

describe('Try the demo', () => {
  it('starts the sandbox from the checkout, signs in, lists accounts, and leaves the user files alone', async () => {
    const configDir = join(home, 'app-b');
    const before = existsSync(join(home, '.aws', 'config')) ? readFileSync(join(home, '.aws', 'config'), 'utf8') : '';
    const c = await core(configDir, true);
    try {
      expect(await c.dispatcher.handleInvoke('t', 'setup:demoStatus', undefined)).toEqual({ ok: true, value: { available: true, state: 'off' } });
      const started = await c.dispatcher.handleInvoke('t', 'setup:startDemo', undefined);
      expect(started).toEqual({ ok: true, value: { available: true, state: 'on', sessionId: DEMO_SESSION_NAME } });
      expect(c.auth.summary(DEMO_SESSION_NAME).state).toBe('signed-in');
      const accounts = await c.accounts.loadAll(DEMO_SESSION_NAME);
      expect(accounts.accounts.length).toBeGreaterThan(0);
      // Nothing of the demo on disk: not in ~/.aws/config, not in the CLI's token cache.
      expect(existsSync(join(home, '.aws', 'config')) ? readFileSync(join(home, '.aws', 'config'), 'utf8') : '').toBe(before);
      const cache = join(home, '.aws', 'sso', 'cache');
      expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
    } finally {
      await c.dispose();
      delete process.env.AWS_ENDPOINT_URL;
    }
  }, 60_000);

  it('says why when the build has no sandbox', async () => {
    const c = await core(join(home, 'app-c'), false);
    try {
      const r = await c.dispatcher.handleInvoke('t', 'setup:startDemo', undefined);
      expect(r).toMatchObject({ ok: false, code: 'NotSupported', message: expect.stringMatching(/does not include the demo sandbox.*npm run demo/) });
      expect(process.env.AWS_ENDPOINT_URL).toBeUndefined();
    } finally {
      await c.dispose();
    }
  });
});
