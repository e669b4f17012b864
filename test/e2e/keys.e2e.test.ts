// SSH keys in the window, in Chromium on a real core and the emulator: an SSH session through the
// development bastion loads each hop's key from Parameter Store; the Sessions overview lists both
// keys with a countdown that runs, "Forget" wipes one, and the next connection loads it again.
// Settings › SSH keys adds a rule (Instance Connect for the account), and the next connection uses it.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedSshFleet } from '../../emulator/ssh';
import { requireBuiltRenderer } from './harness';
import { signIn, startAppWithEmulator, type AppWithEmulator } from './appWithEmulator';

const DEV_NO_AGENT = 'i-0c33333333333333d';

let env: AppWithEmulator;

beforeAll(async () => {
  requireBuiltRenderer();
  env = await startAppWithEmulator({ emulator: { ssh: 'embedded' } });
  // The emulator's SSH hosts listen on loopback; ~/.ssh/config maps instance ids to them, as a
  // user's own config would map names to addresses.
  mkdirSync(join(env.home, '.ssh'), { recursive: true, mode: 0o700 });
  writeFileSync(join(env.home, '.ssh', 'config'), (env.emu.ssh as EmulatedSshFleet).sshConfig());
}, 120_000);

afterAll(async () => {
  await env?.close();
});

/** Opens SSH to dev-no-agent through its bastion from the detail panel, trusting new host keys. */
async function openSsh(page: Page): Promise<void> {
  await page.getByTestId('nav-instances').click();
  await page.getByTestId('instances-search').fill('dev-no-agent');
  await page.getByTestId(`instance-${DEV_NO_AGENT}`).click();
  await page.getByTestId('detail-open-ssh').click();
  const deadline = Date.now() + 30_000;
  while ((await page.getByTestId(`tab-state-${DEV_NO_AGENT}`).textContent()) !== 'live') {
    if (Date.now() > deadline) throw new Error('the SSH tab did not become live');
    if (await page.getByTestId('ssh-hostkey-accept').isVisible()) await page.getByTestId('ssh-hostkey-accept').click();
    await page.waitForTimeout(100);
  }
}

async function showOverview(page: Page): Promise<void> {
  await page.getByTestId('nav-sessions').click();
  await page.getByTestId('tab-overview').click();
  await expect.poll(() => page.getByTestId('overview-keys').isVisible(), { timeout: 10_000 }).toBe(true);
}

const keyRows = (page: Page) => page.locator('[data-testid="overview-keys"] tbody tr');

describe('SSH keys in the window', () => {
  it('lists the keys of an SSH session with a running countdown, and forgets one', { timeout: 90_000 }, async () => {
    const page = env.app.page;
    await signIn(env);
    await openSsh(page);
    await showOverview(page);
    await expect.poll(() => keyRows(page).count(), { timeout: 10_000 }).toBe(2);
    const sources = await keyRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-source')));
    expect(sources).toEqual(['parameter-store', 'parameter-store']);
    const section = page.getByTestId('overview-keys');
    expect(await section.textContent()).toContain('/fumidai/keys/development/bastion');
    expect(await section.textContent()).toContain('/fumidai/keys/development/no-agent');
    expect(await section.textContent()).toMatch(/ec2-user@dev-bastion \(bastion\)/);

    // The countdown starts near the default hour and runs down.
    const countdown = page.locator('[data-testid^="key-countdown-"]').first();
    const first = (await countdown.textContent())!;
    expect(first).toMatch(/^in (59:[0-5]\d|1:00:00)$/);
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(first);

    // Forget the first key: it leaves the list (and the vault).
    const id = (await keyRows(page).first().getAttribute('data-testid'))!.replace('key-', '');
    await page.getByTestId(`key-forget-${id}`).click();
    await expect.poll(() => keyRows(page).count(), { timeout: 5_000 }).toBe(1);
    expect(await page.getByTestId(`key-${id}`).count()).toBe(0);
    env.app.expectNoPageErrors();
  });

  it('uses a key rule added in Settings for the next connection, and forgets all keys', { timeout: 90_000 }, async () => {
    const page = env.app.page;
    await page.getByTestId('nav-settings').click();
    const form = page.getByTestId('key-rule-form');
    await form.scrollIntoViewIfNeeded();
    // A wrong account id is refused beside the form, in words.
    await page.getByTestId('key-rule-account').fill('3333');
    await page.getByTestId('key-rule-add').click();
    await expect.poll(() => page.getByTestId('key-rule-problem').textContent()).toMatch(/12 digits/);
    await page.getByTestId('key-rule-account').fill('333333333333');
    await page.getByTestId('key-rule-source').selectOption('instance-connect');
    await page.getByTestId('key-rule-add').click();
    await expect.poll(() => page.getByTestId('key-rule-0').textContent()).toMatch(/333333333333 · Any environment · Bastion and target → EC2 Instance Connect/);

    // Close the SSH tab, connect again: this time with one Instance Connect key for both hops.
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId(`tab-${DEV_NO_AGENT}`).click();
    await page.getByRole('button', { name: 'Close dev-no-agent' }).click();
    await expect.poll(() => page.getByTestId(`tab-${DEV_NO_AGENT}`).count()).toBe(0);
    await openSsh(page);
    await showOverview(page);
    const instanceConnect = page.locator('[data-testid="overview-keys"] tbody tr[data-source="instance-connect"]');
    await expect.poll(() => instanceConnect.count(), { timeout: 10_000 }).toBe(1);
    expect(await instanceConnect.textContent()).toMatch(/dev-bastion \(bastion\).*dev-no-agent \(target\)/);
    expect(await instanceConnect.locator('[data-testid^="key-countdown-"]').textContent()).toMatch(/^in 0:[0-5]\d$|^in 1:00$/);
    const pushed = env.emu.events().filter((e) => e.eventName === 'SendSSHPublicKey').map((e) => e.resources?.[0]?.name);
    expect(pushed).toEqual(['i-0c33333333333333c', DEV_NO_AGENT]);

    await page.getByTestId('keys-forget-all').click();
    await expect.poll(() => keyRows(page).count(), { timeout: 5_000 }).toBe(0);
    expect(await page.getByTestId('overview-keys').textContent()).toContain('No SSH keys are held');
    env.app.expectNoPageErrors();
  });
});
