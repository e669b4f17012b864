// SSH through a bastion end to end, in Chromium against the emulator, as a person does it: open
// the production host without the SSM agent from its detail panel, give the reason production
// asks for, trust each host key on first use after seeing its fingerprint, type the bastion's
// TOTP code into the tab's masked prompt, and run a command in the shell that opens. The emulator's
// loopback hosts are reached through ~/.ssh/config (the fleet's rendered config), as any host would be.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startAppWithEmulator, type AppWithEmulator } from './appWithEmulator';
import { terminalText } from './terminalBuffer';
import type { EmulatedSshFleet } from '../../emulator/ssh';
import { totpCode } from '../../emulator/ssh/totp';

const TARGET = 'i-0a11111111111111d'; // prod-legacy-batch: no SSM agent, behind prod-bastion
const BASTION = 'i-0a11111111111111c';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

let env: AppWithEmulator;

beforeAll(async () => {
  env = await startAppWithEmulator({ emulator: { ssh: 'embedded' } });
  mkdirSync(join(env.home, '.ssh'), { recursive: true, mode: 0o700 });
  writeFileSync(join(env.home, '.ssh', 'config'), (env.emu.ssh as EmulatedSshFleet).sshConfig());
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('SSH through a bastion', () => {
  it('signs in', async () => {
    await signIn(env);
  });

  it('opens SSH via the bastion from the detail panel, answers the host keys and the TOTP prompt, and runs a command', async () => {
    const page = env.app.page;
    const fleet = env.emu.ssh as EmulatedSshFleet;
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-search').fill('prod-legacy-batch');
    await expect.poll(() => page.getByTestId(`instance-${TARGET}`).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId(`instance-${TARGET}`).click();
    const detail = page.getByTestId('instance-detail');
    await detail.getByTestId('detail-role').selectOption('ProductionOperator');
    await expect.poll(() => detail.getByTestId('detail-open-ssh').isEnabled(), { timeout: 20_000 }).toBe(true);
    await detail.getByTestId('detail-open-ssh').click();
    await page.getByTestId('production-reason').fill('INC-12 batch job stuck');
    await page.getByRole('button', { name: 'Open production shell' }).click();

    // First use of the bastion: its fingerprint, then trust it.
    const hostKey = page.getByTestId('ssh-hostkey-prompt');
    await expect.poll(() => hostKey.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('ssh-hostkey-fingerprint').textContent()).toBe(fleet.hostFor(BASTION)!.hostKeyFingerprint);
    await page.getByTestId('ssh-hostkey-accept').click();

    // The bastion's PAM asks for the TOTP code: a masked field in the tab, not terminal text.
    const code = page.getByTestId('ssh-ki-input-0');
    await expect.poll(() => code.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await code.getAttribute('type')).toBe('password');
    const totp = totpCode(TOTP_SECRET, env.emu.clock.now());
    await env.app.screenshot('ssh-totp-prompt');
    await code.fill(totp);
    await page.getByTestId('ssh-ki-submit').click();

    // Then the target's own host key, reached through the bastion.
    await expect.poll(async () => (await hostKey.isVisible()) && (await page.getByTestId('ssh-hostkey-fingerprint').textContent()), { timeout: 20_000 }).toBe(fleet.hostFor(TARGET)!.hostKeyFingerprint);
    await page.getByTestId('ssh-hostkey-accept').click();

    await expect.poll(() => page.getByTestId(`tab-state-${TARGET}`).textContent(), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => terminalText(page, TARGET), { timeout: 20_000 }).toMatch(/prod-legacy-batch/);
    // The tab says how it got there.
    expect(await page.getByTestId(`tab-via-${TARGET}`).textContent()).toMatch(/^SSH via .*prod-bastion/);
    // Production safeguards apply to SSH tabs as to shells: the red frame and its banner.
    expect(await page.getByTestId('terminals').getAttribute('class')).toContain('terminals--production');
    await page.getByTestId(`terminal-${TARGET}`).click();
    await page.keyboard.type('echo "ssh-ok $USER agent=${SSH_AUTH_SOCK:-none}"\r');
    await expect.poll(() => terminalText(page, TARGET), { timeout: 20_000 }).toMatch(/ssh-ok ec2-user agent=none/);
    // The code was typed in the prompt only: it is not in the terminal.
    expect(await terminalText(page, TARGET)).not.toContain(totp);
    // Like a shell, the SSH session makes the host a recent one (the tray and palette offer it).
    await expect.poll(async () => (await env.app.host.core.shortcuts.get()).recents[0]?.instanceId).toBe(TARGET);
    await env.app.screenshot('ssh-via-bastion');
  });

  it('the palette opens the bastion-only host over SSH again, not as a Session Manager shell that would fail', async () => {
    const page = env.app.page;
    await page.getByTestId(`tab-${TARGET}`).waitFor();
    await page.getByTestId('nav-accounts').click();
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('quick-connect');
    await expect.poll(() => palette.getByTestId(`quick-connect-recents:${TARGET}`).isVisible(), { timeout: 10_000 }).toBe(true);
    await palette.getByTestId(`quick-connect-recents:${TARGET}`).click();
    await page.getByTestId('production-reason').fill('INC-12 check the batch again');
    await page.getByRole('button', { name: 'Open production shell' }).click();
    // The bastion asks for its code again (its host key is trusted now): this is SSH through it.
    const code = page.getByTestId('ssh-ki-input-0');
    await expect.poll(() => code.isVisible(), { timeout: 20_000 }).toBe(true);
    await code.fill(totpCode(TOTP_SECRET, env.emu.clock.now()));
    await page.getByTestId('ssh-ki-submit').click();
    await expect.poll(() => page.getByTestId(`tab-state-${TARGET}`).last().textContent(), { timeout: 30_000 }).toBe('live');
    expect(await page.getByTestId(`tab-via-${TARGET}`).last().textContent()).toMatch(/^SSH via .*prod-bastion/);
  });

  it('lists the trusted host keys in Settings and forgets one only after a confirmation', async () => {
    const page = env.app.page;
    const fleet = env.emu.ssh as EmulatedSshFleet;
    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('settings-host-keys');
    await expect.poll(() => section.getByTestId(`host-key-${TARGET}`).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await section.getByTestId(`host-key-${BASTION}`).textContent()).toContain(fleet.hostFor(BASTION)!.hostKeyFingerprint);
    await section.getByTestId(`host-key-forget-${TARGET}`).click();
    // Nothing is removed until the person confirms.
    expect(await section.getByTestId(`host-key-${TARGET}`).isVisible()).toBe(true);
    await section.getByTestId(`host-key-forget-confirm-${TARGET}`).click();
    await expect.poll(() => section.getByTestId(`host-key-${TARGET}`).count()).toBe(0);
    expect(await section.getByTestId(`host-key-${BASTION}`).isVisible()).toBe(true);
    await env.app.screenshot('settings-host-keys');
  });
});
