// `fumidai connect` in a real terminal: tmux runs it under a pseudo-terminal, we type keys and
// read the screen with capture-pane — raw mode, resize (SIGWINCH), Ctrl-C and the exit code.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('connectTmux.test: tmux is not installed; the real-terminal test of `fumidai connect` cannot run here.');

const socket = `fumidai-test-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'fumidai-tmux-'));
const exitFile = join(dir, 'exit-code');
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'connect');

async function waitForScreen(re: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (re.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${re} on screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(hasTmux)('fumidai connect in a real terminal (tmux)', () => {
  it('types, reads, resizes, passes Ctrl-C through and returns the exit code', async () => {
    const tsx = resolve('node_modules/.bin/tsx');
    const script = resolve('test/integration/ssm-client/fixtures/connectInTerminal.ts');
    tmux('new-session', '-d', '-s', 'connect', '-x', '100', '-y', '30', `'${tsx}' '${script}'; echo $? > '${exitFile}'; sleep 30`);
    await waitForScreen(/ssm-user@ip-10-0-1-5:~\$ *$/m, 30_000);

    tmux('send-keys', '-t', 'connect', 'echo $((6*7))', 'Enter');
    await waitForScreen(/^42$/m);
    tmux('send-keys', '-t', 'connect', 'stty size', 'Enter');
    await waitForScreen(/^30 100$/m);

    // SIGWINCH: the new size reaches the remote terminal.
    tmux('resize-window', '-t', 'connect', '-x', '120', '-y', '40');
    await new Promise((r) => setTimeout(r, 300));
    tmux('send-keys', '-t', 'connect', 'clear; stty size', 'Enter');
    await waitForScreen(/^40 120$/m);

    // Ctrl-C interrupts the remote command, not us.
    tmux('send-keys', '-t', 'connect', 'sleep 60; echo not-interrupted', 'Enter');
    await new Promise((r) => setTimeout(r, 500));
    tmux('send-keys', '-t', 'connect', 'C-c');
    tmux('send-keys', '-t', 'connect', 'echo still-$((20+1))', 'Enter');
    const after = await waitForScreen(/^still-21$/m);
    expect(after).toContain('^C');
    expect(after).not.toMatch(/^not-interrupted$/m); // the command line shows it; the output must not

    tmux('send-keys', '-t', 'connect', 'exit 3', 'Enter');
    const deadline = Date.now() + 20_000;
    while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error(`no exit code; screen:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('3');
    expect(screen()).toMatch(/Exiting session with sessionId: \S+\./);
  }, 60_000);
});
