// `npm run emulator`: the one JSON line scripts read, the human summary, and clear refusals.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SSOOIDCClient, RegisterClientCommand } from '@aws-sdk/client-sso-oidc';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

/** Starts the CLI and resolves with its stdout up to the line `until` accepts, then stops it. */
function run(args: string[], until: (stdout: string) => boolean): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['emulator/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let done = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`;
      if (!done && until(stdout)) {
        done = true;
        resolve({ stdout, stderr, code: null });
        // Kept up a few seconds so a test can still talk to what it printed.
        setTimeout(() => child.kill('SIGTERM'), 3000).unref();
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!done) resolve({ stdout, stderr, code });
    });
  });
}

describe('npm run emulator', () => {
  it('--json prints exactly one line with endpoint, region, start URL and users, and serves there', async () => {
    const out = await run(['--json', '--port', '0', '--ssh', 'none'], (s) => s.includes('\n'));
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const info = JSON.parse(lines[0]!);
    expect(Object.keys(info)).toEqual(['endpoint', 'region', 'startUrl', 'users']);
    expect(info).toMatchObject({ endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), region: 'ap-northeast-1', startUrl: 'https://d-95670c4a1b.awsapps.com/start', users: [{ username: 'alice', password: 'correct-horse-battery' }, { username: 'bob', password: expect.any(String) }] });
    // Still running for a moment after printing: a real client can register.
    const reg = await new SSOOIDCClient({ region: info.region, endpoint: info.endpoint }).send(new RegisterClientCommand({ clientName: 'cli-test', clientType: 'public' }));
    expect(reg.clientId).toBeTruthy();
  }, 30_000);

  it('prints a human summary with the sign-in page and the demo user', async () => {
    const out = await run(['--ssh', 'none'], (s) => s.includes('Press Ctrl-C'));
    expect(out.stdout).toMatch(/Fumidai AWS sandbox running at http:\/\/127\.0\.0\.1:\d+/);
    expect(out.stdout).toMatch(/Sign-in page\s+http:\/\/127\.0\.0\.1:\d+\/device/);
    expect(out.stdout).toContain('alice / correct-horse-battery');
  }, 30_000);

  it('lists the SSH hosts it started, each answering with an SSH banner on its loopback port', async () => {
    const out = await run([], (s) => s.includes('Press Ctrl-C'));
    expect(out.stdout).toContain('SSH hosts (embedded)');
    const bastion = /dev-bastion\s+127\.0\.0\.1:(\d+)/.exec(out.stdout);
    expect(bastion, out.stdout).not.toBeNull();
    const banner = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(bastion![1]), '127.0.0.1');
      socket.once('data', (d: Buffer) => {
        resolve(d.toString('latin1'));
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(banner).toMatch(/^SSH-2\.0-/);
  }, 30_000);

  it('refuses a bad port or a broken fixture with the reason', async () => {
    const port = await run(['--port', 'eighty'], () => false);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a number from 0 to 65535, not eighty');
    const fixture = await run(['--fixture', 'package.json'], () => false);
    expect(fixture.code).not.toBe(0);
    expect(fixture.stderr).toContain('package.json is not a valid emulator fixture');
    expect(fixture.stderr).toContain('organization');
    expect(fixture.stderr).not.toMatch(/\n\s+at /); // a reason, not a stack trace
    const ssh = await run(['--ssh', 'telnet'], () => false);
    expect(ssh.code).toBe(2);
    expect(ssh.stderr).toContain('--ssh must be embedded, openssh or none, not telnet');
  }, 30_000);
});
