// Settings → Updates in real Chromium over browser mode. Browser mode has no updater of its own, so
// the first app shows why and still edits the feed; the second is given an updater port (what the
// Electron host passes in; the real electron-updater adapter is tested against a real feed in
// test/integration/updates) so the window's side of a downloaded update can be walked: the
// notification with "Restart now", the status, the tray's request for the section, the restart.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/composition';
import type { CheckCallbacks, UpdaterPort } from '../../main/updates/updateService';
import { closeBrowser, launchApp, type E2eApp } from './harness';

const apps: E2eApp[] = [];
afterEach(() => apps.forEach((a) => a.expectNoPageErrors()));
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await closeBrowser();
});

describe('Settings → Updates', () => {
  it('says why browser mode does not update, and checks the feed as typed', { timeout: 60_000 }, async () => {
    const app = await launchApp({ settings: { language: 'en' } });
    apps.push(app);
    const page = app.page;
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('update-status').textContent()).toBe('Updates are off in browser mode. The desktop app updates itself.');
    expect(await page.getByTestId('update-check').isDisabled()).toBe(true);

    const feed = page.getByTestId('settings-update-feed');
    const hint = page.getByTestId('settings-update-feed-hint');
    expect(await hint.textContent()).toContain('https://downloads.fumidai.dev/releases');
    await feed.fill('http://mirror.example.com/fumidai');
    await feed.press('Enter');
    await expect.poll(() => hint.textContent()).toBe('The feed must use https:// (plain http:// only for a server on this computer).');
    expect(await feed.inputValue()).toBe('http://mirror.example.com/fumidai'); // kept, to be corrected
    expect(app.host.core.settings.get().updates.feedUrl).toBe('');
    await feed.fill('https://ci:token@mirror.example.com/fumidai');
    await feed.press('Enter');
    await expect.poll(() => hint.textContent()).toMatch(/Remove the user name or password/);

    await feed.fill('https://mirror.example.com/fumidai/');
    await feed.press('Enter');
    await expect.poll(() => app.host.core.settings.get().updates.feedUrl).toBe('https://mirror.example.com/fumidai');
    await expect.poll(() => hint.textContent()).toBe('In use: https://mirror.example.com/fumidai');
    await page.getByRole('button', { name: "Use the installer's feed" }).click();
    await expect.poll(() => app.host.core.settings.get().updates.feedUrl).toBe('');
  });

  it('announces a downloaded version, brings up the section on request, and restarts into it', { timeout: 60_000 }, async () => {
    const restarts: string[] = [];
    const feeds: string[] = [];
    const updater: UpdaterPort = {
      unavailable: () => undefined,
      setFeedUrl: (url) => void feeds.push(url),
      async checkAndDownload(cb: CheckCallbacks) {
        cb.onAvailable('1.2.0');
        cb.onProgress(50);
        return '1.2.0';
      },
      quitAndInstall: () => void restarts.push('1.2.0'),
    };
    const app = await launchApp({ settings: { language: 'en' }, createCore: (options) => createCore({ ...options, updater }) });
    apps.push(app);
    const page = app.page;
    expect(feeds).toEqual(['https://downloads.fumidai.dev/releases']);

    // Checked at start: the notification offers the restart.
    await expect.poll(() => page.getByTestId('notifications-unread').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('notifications-button').click();
    const notice = page.getByTestId('notification-update-ready');
    await expect.poll(() => notice.textContent()).toMatch(/Fumidai 1\.2\.0 is ready/);
    expect(await notice.getByTestId('notification-action-install-update').textContent()).toBe('Restart now');
    await page.getByTestId('notifications-button').click();

    // The tray asks for the section (a refused restart does this): the window goes there.
    await page.getByTestId('nav-accounts').click();
    app.host.core.alerts.requests.push({ type: 'show-updates' });
    await expect.poll(() => page.getByTestId('update-status').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('update-status').textContent()).toBe('Version 1.2.0 is downloaded. Restart Fumidai to use it, or it installs the next time you quit.');
    await app.screenshot('settings-updates-ready');

    await page.getByTestId('update-restart').click();
    await expect.poll(() => restarts).toEqual(['1.2.0']);
  });
});
