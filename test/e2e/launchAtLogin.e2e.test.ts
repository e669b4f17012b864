// Settings → Start up in real Chromium over browser mode. Browser mode offers no launch at login
// and says why; the second app is given the Linux login item the desktop app uses (an XDG autostart
// entry, here in a temporary XDG_CONFIG_HOME), so the window's whole path is walked against a real
// file: on, changed behind the app's back, and a refusal whose reason is shown while the checkbox
// returns to the truth.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/composition';
import { linuxLoginItem } from '../../main/desktop/linuxLoginItem';
import { closeBrowser, launchApp, type E2eApp } from './harness';

const apps: E2eApp[] = [];
const dirs: string[] = [];
afterEach(() => apps.forEach((a) => a.expectNoPageErrors()));
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await closeBrowser();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('Settings → Start up', () => {
  it('says why browser mode does not open at login, in the window’s language', { timeout: 60_000 }, async () => {
    const app = await launchApp({ settings: { language: 'ja' } });
    apps.push(app);
    const page = app.page;
    await page.getByTestId('nav-settings').click();
    const box = page.getByTestId('settings-launch-at-login');
    await expect.poll(() => page.getByTestId('settings-launch-at-login-hint').textContent()).toBe(
      'ブラウザーモードは開発とテスト用のため、ログイン時の起動は使えません。ログイン時に Fumidai を開くには、デスクトップアプリをインストールしてください。',
    );
    expect(await box.isDisabled()).toBe(true);
    expect(await box.isChecked()).toBe(false);
  });

  it('turns the autostart entry on, follows a change made outside, and shows a refusal with the checkbox back on the truth', { timeout: 60_000 }, async () => {
    const xdg = await mkdtemp(join(tmpdir(), 'fumidai-e2e-xdg-'));
    dirs.push(xdg);
    const dir = join(xdg, 'autostart');
    const entry = join(dir, 'fumidai.desktop');
    const loginItems = linuxLoginItem({ executable: '/opt/Fumidai/fumidai', args: ['--hidden'], dir });
    const app = await launchApp({ settings: { language: 'en' }, createCore: (options) => createCore({ ...options, loginItems }) });
    apps.push(app);
    const page = app.page;
    await page.getByTestId('nav-settings').click();
    const box = page.getByRole('checkbox', { name: 'Open Fumidai when I log in' });
    await expect.poll(() => box.isEnabled()).toBe(true);
    expect(await page.getByTestId('settings-launch-at-login-hint').textContent()).toBe('It starts in the tray, without opening its window.');

    await box.check();
    await expect.poll(() => readFile(entry, 'utf8').catch(() => '')).toContain('Exec=/opt/Fumidai/fumidai --hidden');
    expect(await box.isChecked()).toBe(true);

    // Removed behind Fumidai's back (a desktop's startup settings): shown when the window is back.
    await rm(entry);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => box.isChecked()).toBe(false);

    // A file where the autostart folder should be: the reason, naming it; the checkbox stays off.
    await rm(dir, { recursive: true, force: true });
    await writeFile(dir, 'not a folder');
    await box.click();
    const error = page.getByTestId('settings-launch-at-login-error');
    await expect.poll(() => error.textContent()).toContain(`is a file, not a folder`);
    expect(await error.textContent()).toContain(dir);
    expect(await box.isChecked()).toBe(false);
    await app.screenshot('settings-launch-at-login-error');
  });
});
