// Instance names and tags are untrusted input (anyone with ec2:CreateTags writes them). HTML,
// right-to-left text, emoji and 10 KB strings must render as inert text, intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../emulator/fixture/load';
import { signIn, startAppWithEmulator, type AppWithEmulator } from './appWithEmulator';

const HTML = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const RTL = 'שרת-ייצור \u202Egnp.exe';
const EMOJI = '🔥 prod 🚀 ウェブ';
const LONG = `long-${'x'.repeat(10_000)}`;

let env: AppWithEmulator;

beforeAll(async () => {
  const fixture = loadFixture();
  const base = { account: '333333333333', region: 'ap-northeast-1', state: 'running' as const, platform: 'Linux' as const, instanceType: 't3.micro', vpcId: 'vpc-0a1b2c3d', ssmAgent: 'online' as const, agentVersion: '3.3.40.0', services: [], launchTime: '2026-10-01T09:00:00Z' };
  fixture.instances.push(
    { ...base, id: 'i-0e00000000000000a', name: HTML, privateIp: '10.40.9.1', tags: { Environment: 'development', Note: HTML } },
    { ...base, id: 'i-0e00000000000000b', name: RTL, privateIp: '10.40.9.2', tags: { Environment: 'development' } },
    { ...base, id: 'i-0e00000000000000c', name: EMOJI, privateIp: '10.40.9.3', tags: { Environment: 'development' } },
    { ...base, id: 'i-0e00000000000000d', name: LONG, privateIp: '10.40.9.4', tags: { Environment: 'development' } },
  );
  // An account name is untrusted too (whoever administers the organisation chooses it).
  fixture.accounts.push({ id: '888888888888', name: HTML, email: 'aws+hostile@acme.example', ou: 'Sandbox', status: 'ACTIVE' });
  fixture.assignments.push({ user: 'alice', account: '888888888888', permissionSets: ['ReadOnly'] });
  env = await startAppWithEmulator({ emulator: { fixture } });
});
afterAll(() => env?.close());

describe('hostile instance names', () => {
  it('renders HTML, RTL, emoji and 10 KB names as inert, intact text', async () => {
    const page = env.app.page;
    await signIn(env);
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

  it('renders an account whose name is HTML as inert, intact text', async () => {
    const page = env.app.page;
    await page.getByTestId('nav-accounts').click();
    const row = page.getByTestId('account-888888888888');
    await expect.poll(() => row.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await row.locator('.account__name').textContent()).toBe(HTML);
    expect(await row.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
