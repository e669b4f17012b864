import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLaunchPage } from './launchPage';

describe('openLaunchPage', () => {
  it('hands the opener only a private file that redirects to the keyed URL', async () => {
    const opened: string[] = [];
    const url = 'http://127.0.0.1:4000/?key=abc_DEF-123';
    const page = await openLaunchPage(url, async (f) => void opened.push(f));
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^file:\/\//);
    expect(opened[0]).not.toContain('abc_DEF-123');
    const file = fileURLToPath(opened[0]!);
    expect(file).toBe(page.file);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    }
    expect(readFileSync(file, 'utf8')).toContain(`url=${url}`);
    await page.dispose();
    expect(existsSync(dirname(file))).toBe(false);
  });

  it('escapes the URL into the HTML and refuses anything but the local http host', async () => {
    const page = await openLaunchPage('http://127.0.0.1:1/?key="><script>', async () => {});
    expect(readFileSync(page.file, 'utf8')).not.toContain('"><script>');
    await page.dispose();
    await expect(openLaunchPage('file:///etc/passwd', async () => {})).rejects.toThrow(/local http host/);
  });

  it('cleans up when the opener fails', async () => {
    let seen = '';
    await expect(
      openLaunchPage('http://127.0.0.1:1/?key=k', async (f) => {
        seen = f;
        throw new Error('no opener');
      }),
    ).rejects.toThrow(/no opener/);
    expect(existsSync(dirname(fileURLToPath(seen)))).toBe(false);
  });
});
