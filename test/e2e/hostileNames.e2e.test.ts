// Instance names and tags are untrusted input (anyone with ec2:CreateTags writes them). HTML,
// right-to-left text, emoji and 10 KB strings must render as inert text, intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeBrowser, launchApp, type E2eApp } from './harness';
import { startEmulator, type Emulator } from '../../emulator';
import { loadFixture } from '../../emulator/fixture/load';
import { createCore } from '../../main/composition';
import { createAwsFiles } from '../../main/aws/defaults';
import { approveDeviceCode } from '../helpers/emulatorSignIn';

const HTML = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const RTL = 'שרת-ייצור \u202Egnp.exe';
const EMOJI = '🔥 prod 🚀 ウェブ';
const LONG = `long-${'x'.repeat(10_000)}`;

let emu: Emulator;
let app: E2eApp;
let home: string;
const saved = { ...process.env };

beforeAll(async () => {
  const fixture = loadFixture();
  const base = { account: '333333333333', region: 'ap-northeast-1', state: 'running' as const, platform: 'Linux' as const, instanceType: 't3.micro', vpcId: 'vpc-0a1b2c3d', ssmAgent: 'online' as const, agentVersion: '3.3.40.0', services: [], launchTime: '2026-10-01T09:00:00Z' };
  fixture.instances.push(
    { ...base, id: 'i-0e00000000000000a', name: HTML, privateIp: '10.40.9.1', tags: { Environment: 'development', Note: HTML } },
    { ...base, id: 'i-0e00000000000000b', name: RTL, privateIp: '10.40.9.2', tags: { Environment: 'development' } },
    { ...base, id: 'i-0e00000000000000c', name: EMOJI, privateIp: '10.40.9.3', tags: { Environment: 'development' } },
    { ...base, id: 'i-0e00000000000000d', name: LONG, privateIp: '10.40.9.4', tags: { Environment: 'development' } },
  );
  emu = await startEmulator({ fixture });
  home = mkdtempSync(join(tmpdir(), 'fumidai-e2e-hostile-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), `[sso-session acme]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\n`);
  Object.assign(process.env, { AWS_ENDPOINT_URL: emu.endpoint, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
  app = await launchApp({ settings: { language: 'en' }, createCore: (o) => createCore({ ...o, env: process.env, aws: createAwsFiles(process.env, o.configDir) }) });
});
afterAll(async () => {
  await app?.close();
  await closeBrowser();
  await emu?.close();
  process.env = saved;
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('hostile instance names', () => {
  it('renders HTML, RTL, emoji and 10 KB names as inert, intact text', async () => {
    const page = app.page;
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('signin-device').click();
    await expect.poll(() => page.getByTestId('device-code').isVisible(), { timeout: 15_000 }).toBe(true);
    await approveDeviceCode(emu.endpoint, (await page.getByTestId('device-code').textContent())!.trim());
    await page.getByTestId('nav-instances').click();
    await expect.poll(() => page.getByTestId('instance-i-0e00000000000000a').isVisible(), { timeout: 20_000 }).toBe(true);

    const cell = (id: string) => page.getByTestId(`instance-${id}`).locator('.account__name');
    expect(await cell('i-0e00000000000000a').textContent()).toBe(HTML);
    expect(await page.getByTestId('instance-i-0e00000000000000a').locator('img, script').count()).toBe(0);
    expect(await cell('i-0e00000000000000b').textContent()).toBe(RTL);
    expect(await cell('i-0e00000000000000c').textContent()).toBe(EMOJI);
    expect(await cell('i-0e00000000000000d').textContent()).toBe(LONG);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // A 10 KB name does not blow the layout sideways.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThan(4000);
    // Searching by a tag that holds HTML finds the host and still renders nothing active.
    await page.getByTestId('instances-search').fill('tag:Note');
    await expect.poll(() => page.locator('[data-testid^="instance-i-"]').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
