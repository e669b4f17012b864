// The parts of the hop-by-hop login that need no SSH server: a host that accepts TCP but never
// speaks SSH times out with a message naming it, a closed port says no SSH server listens there,
// and cancelling stops the attempt.
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyStore } from './hostKeyStore';
import { HostKeyVerifier } from './hostKeyVerifier';
import { openSshChain } from './sshConnection';
import type { SshHop, SshPrompter } from './types';

let silent: Server;
let port: number;
const sockets: Socket[] = [];
const dir = mkdtempSync(join(tmpdir(), 'ssh-conn-'));

beforeAll(async () => {
  silent = createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  port = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const prompter: SshPrompter = { confirmHostKey: async () => false, keyboardInteractive: async () => undefined };
const hop = (p: number): SshHop => ({ label: `quiet-host (${p})`, role: 'target', host: '127.0.0.1', port: p, username: 'ec2-user', hostKeyName: `[127.0.0.1]:${p}`, identityFiles: [] });
const options = (h: SshHop) => ({
  hops: [h],
  access: { ssoSessionId: 'acme', accountId: '111111111111', roleName: 'Ops', region: 'eu-west-1' },
  keys: { keyFor: async () => undefined },
  prompter,
  hostKeys: new HostKeyVerifier({ userFiles: [], store: new HostKeyStore(join(dir, 'known_hosts')) }),
  handshakeTimeoutMs: 300,
});

describe('openSshChain', () => {
  it('gives up on a host that never answers, naming it', async () => {
    await expect(openSshChain(options(hop(port)))).rejects.toMatchObject({ code: 'Timeout', message: expect.stringContaining('quiet-host') });
  });

  it('says when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const p = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    await expect(openSshChain(options(hop(p)))).rejects.toMatchObject({ code: 'Network', message: expect.stringMatching(/refused the connection .* no SSH server is listening there/) });
  });

  it('stops when cancelled', async () => {
    const aborter = new AbortController();
    const attempt = openSshChain({ ...options(hop(port)), handshakeTimeoutMs: 10_000, signal: aborter.signal });
    setTimeout(() => aborter.abort(), 50);
    await expect(attempt).rejects.toMatchObject({ code: 'Cancelled' });
  });

  it('refuses an empty route', async () => {
    await expect(openSshChain({ ...options(hop(port)), hops: [] })).rejects.toMatchObject({ code: 'InvalidRequest' });
  });
});
