// Shell sessions at their edges, end to end in Chromium. A KMS-encrypted session (the sandbox
// account's Session Manager preferences name a key): the tab says so and works as any other.
// A flood and its interrupt: `yes` in a terminal tab, then Ctrl-C. What a person
// notices is how long the screen keeps scrolling after the key — everything already buffered
// between the remote PTY and xterm must be drawn first — so the whole chain (agent window, the
// client's hold, the stream to the window, xterm's parser) has to keep that backlog small and
// drain it fast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startAppWithEmulator, type AppWithEmulator } from './appWithEmulator';
import { cursorLine, terminalText } from './terminalBuffer';

const DEV = 'i-0c33333333333333a'; // dev-app-1
const SANDBOX = 'i-0d44444444444444a'; // alice-playground, in the KMS-encrypting sandbox account

let env: AppWithEmulator;

beforeAll(async () => {
  env = await startAppWithEmulator();
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('shell sessions at their edges', () => {
  it('signs in', async () => {
    await signIn(env);
  });

  it('opens a KMS-encrypted shell: the tab shows the agent’s notice and runs commands', async () => {
    const page = env.app.page;
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-search').fill('alice-playground');
    await page.getByTestId(`open-shell-${SANDBOX}`).click();
    await expect.poll(() => page.getByTestId(`tab-state-${SANDBOX}`).textContent(), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => cursorLine(page, SANDBOX), { timeout: 20_000 }).toMatch(/[$#] ?$/);
    await page.keyboard.type('echo sealed-$((6*7))\n');
    await expect.poll(() => terminalText(page, SANDBOX), { timeout: 15_000 }).toMatch(/^sealed-42$/m);
    expect(await terminalText(page, SANDBOX)).toContain('This session is encrypted using AWS KMS.');
    await page.getByRole('button', { name: 'Close alice-playground' }).click();
  }, 60_000);

  it('stops scrolling soon after Ctrl-C during `yes`, and the prompt comes back', async () => {
    const page = env.app.page;
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-search').fill('dev-app-1');
    await page.getByTestId(`open-shell-${DEV}`).click();
    await expect.poll(() => page.getByTestId(`tab-state-${DEV}`).textContent(), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => cursorLine(page, DEV), { timeout: 20_000 }).toMatch(/[$#] ?$/);
    await page.keyboard.type('yes flood-line\n');
    // Let the flood fill every buffer on the way (seconds, not a blip).
    await expect.poll(() => cursorLine(page, DEV), { timeout: 15_000 }).toBe('');
    await new Promise((r) => setTimeout(r, 4000));
    const pressed = Date.now();
    await page.keyboard.press('Control+c');
    await page.keyboard.type('echo after-$((20+22))\n');
    await expect.poll(() => cursorLine(page, DEV), { timeout: 60_000, interval: 50 }).toMatch(/[$#] ?$/);
    const seconds = (Date.now() - pressed) / 1000;
    console.log(`flood: prompt back ${seconds.toFixed(2)} s after Ctrl-C`);
    // It took 9 s before output was batched for the window and the client held 4 MB itself.
    expect(seconds).toBeLessThan(5);
  }, 120_000);
});
