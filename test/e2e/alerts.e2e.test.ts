// Alerts end to end, in Chromium against the emulator: the quick-connect palette (Ctrl+K) lists
// the favourite and recent hosts and opens a shell (where Ctrl+K stays the shell's); the status bar counts the sign-in down; a
// sign-in entering its warning window raises a notification whose "Sign in again" signs in again
// (through the browser page) and resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveInBrowser, signIn, startAppWithEmulator, type AppWithEmulator } from './appWithEmulator';
import { terminalText } from './terminalBuffer';

const DEV = 'i-0c33333333333333a'; // dev-app-1, account 333333333333
const STG = 'i-0b22222222222222a'; // stg-web-1, account 222222222222

let env: AppWithEmulator;

beforeAll(async () => {
  env = await startAppWithEmulator();
}, 90_000);

afterAll(async () => {
  await env?.close();
});

describe('alerts in the window', () => {
  it('Ctrl+K lists favourite and recent hosts and opens a shell on the chosen one', { timeout: 90_000 }, async () => {
    const { app } = env;
    await signIn(env);
    const core = app.host.core;
    await core.shortcuts.setFavorite({ instanceId: DEV, accountId: '333333333333', region: 'ap-northeast-1', name: 'dev-app-1', accountName: 'acme-dev', environment: 'development', roleName: 'Developer' }, true);
    await core.shortcuts.noteUsed({ instanceId: STG, accountId: '222222222222', region: 'ap-northeast-1', name: 'stg-web-1', accountName: 'acme-stg', environment: 'staging', roleName: 'Developer' }, Date.now());
    const page = app.page;
    await page.getByTestId('nav-accounts').click();
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('quick-connect');
    await expect.poll(() => palette.isVisible()).toBe(true);
    await expect.poll(() => palette.getByTestId(`quick-connect-favorites:${DEV}`).textContent()).toContain('dev-app-1');
    expect(await palette.getByTestId(`quick-connect-recents:${STG}`).textContent()).toContain('stg-web-1');
    // Typing filters; Enter opens the first match.
    await page.getByTestId('quick-connect-input').fill('dev-app');
    await expect.poll(() => palette.getByTestId(`quick-connect-recents:${STG}`).count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => palette.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId(`tab-state-${DEV}`).textContent(), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => terminalText(page, DEV), { timeout: 20_000 }).toMatch(/@.*[$#] ?$/m);

    // The start is in the notification centre, with the host and role.
    await page.getByTestId('notifications-button').click();
    const started = page.getByTestId('notification-session-started');
    await expect.poll(() => started.textContent(), { timeout: 10_000 }).toContain('Session started on dev-app-1');
    expect(await started.textContent()).toContain('Developer');
    await page.getByTestId('notifications-button').click();

    // In the terminal, Ctrl+K is the shell's (readline: kill to the end of the line) and the
    // palette answers Ctrl+Shift+K instead.
    await page.getByTestId(`terminal-${DEV}`).click();
    await page.keyboard.type('echo kept; echo cut-off');
    for (let i = 0; i < '; echo cut-off'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalText(page, DEV), { timeout: 10_000 }).toMatch(/^kept$/m);
    expect(await terminalText(page, DEV)).not.toMatch(/^cut-off$/m);
    expect(await palette.isVisible()).toBe(false);
    await page.keyboard.press('Control+Shift+K');
    await expect.poll(() => palette.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette.isVisible()).toBe(false);
    app.expectNoPageErrors();
  });

  it('the status bar counts the sign-in down', async () => {
    const page = env.app.page;
    const time = page.getByTestId('countdown-time-sso:acme');
    await expect.poll(() => time.isVisible(), { timeout: 10_000 }).toBe(true);
    const first = (await time.textContent())!;
    expect(first).toMatch(/^\d+:\d{2}(:\d{2})?$/);
    await expect.poll(() => time.textContent(), { timeout: 5_000 }).not.toBe(first);
  });

  it('an expiring sign-in raises a notification whose "Sign in again" works', { timeout: 60_000 }, async () => {
    const { app, emu } = env;
    const page = app.page;
    // Warn 90 minutes ahead: the emulator's one-hour sign-in is inside that window at once, and a
    // silent refresh cannot get it out, so the warning comes.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-alert-leads').fill('90');
    await page.getByTestId('settings-alert-leads').press('Enter');
    await expect.poll(() => app.host.core.settings.get().alerts.leadMinutes).toEqual([90]);
    await expect.poll(() => page.getByTestId('notifications-unread').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('notifications-button').click();
    const warning = page.getByTestId('notification-sso-expiring');
    await expect.poll(() => warning.textContent(), { timeout: 10_000 }).toMatch(/Sign-in to acme expires in \d+ min/);

    // Back to the usual lead times, so the new sign-in is not inside a window again.
    await app.host.core.settings.update({ alerts: { leadMinutes: [15, 5] } });
    const before = app.openedLinks.length;
    await warning.getByTestId('notification-action-sign-in').click();
    await expect.poll(() => app.openedLinks.length, { timeout: 15_000 }).toBeGreaterThan(before);
    const authorizeUrl = app.openedLinks.at(-1)!;
    expect(authorizeUrl.startsWith(`${emu.endpoint}/authorize?`)).toBe(true);
    await (await approveInBrowser(app, authorizeUrl, 'Signed in to Fumidai')).close();

    // Signed in again: the warning is over and its action gone.
    if (!(await page.getByTestId('notification-centre').isVisible())) await page.getByTestId('notifications-button').click();
    await expect.poll(() => page.getByTestId('notification-sso-expiring').getAttribute('class'), { timeout: 15_000 }).toContain('nitem--resolved');
    expect(await page.getByTestId('notification-sso-expiring').getByTestId('notification-action-sign-in').count()).toBe(0);
    await expect.poll(() => page.getByTestId('notification-signin-succeeded').isVisible()).toBe(true);
    app.expectNoPageErrors();
  });
});
