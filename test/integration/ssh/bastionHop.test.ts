// The same bastion-hop test against both SSH back-ends: a key pair from Parameter Store plus a
// TOTP code on the bastion, direct-tcpip to the target, an EC2 Instance Connect key on the target.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../../../emulator/clock';
import type { InstanceConnectKeys, SshHostSpec, SshLoginRecord } from '../../../emulator/contracts';
import { deriveEd25519KeyPair } from '../../../emulator/keyMaterial';
import { startSshHosts, type EmulatedSshFleet } from '../../../emulator/ssh';
import { hostKeyOf } from '../../../emulator/ssh/hostKeys';
import { openSshUnavailableReason } from '../../../emulator/ssh/openssh/preflight';
import { totpCode } from '../../../emulator/ssh/totp';
import { exec, forwardOut, login, ShellSession } from './sshTestClient';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const bastionKey = deriveEd25519KeyPair('test:parameter-store:bastion', 'ops@bastion');
const targetKey = deriveEd25519KeyPair('test:parameter-store:target', 'ops@target');
const instanceConnectKey = deriveEd25519KeyPair('test:instance-connect:1', 'ec2-instance-connect');
const strangerKey = deriveEd25519KeyPair('test:stranger', 'stranger');

const bastion: SshHostSpec = {
  instanceId: 'i-0b00000000000b001',
  name: 'bastion-prod',
  role: 'bastion',
  privateIp: '10.0.0.10',
  osUsers: ['ec2-user'],
  authorizedKeys: [bastionKey.publicKeyOpenSsh],
  totpSecret: TOTP_SECRET,
  hostKeySeed: 'test-host:bastion',
};
const target: SshHostSpec = {
  instanceId: 'i-0a00000000000a002',
  name: 'api-prod-1',
  role: 'target',
  privateIp: '10.0.1.20',
  osUsers: ['ec2-user', 'deploy'],
  authorizedKeys: [targetKey.publicKeyOpenSsh],
  hostKeySeed: 'test-host:target',
};

/** EC2 Instance Connect as the control plane implements it: a pushed key lives 60 s. */
class FakeInstanceConnect implements InstanceConnectKeys {
  private readonly pushed: Array<{ instanceId: string; osUser: string; line: string; atMs: number }> = [];
  constructor(private readonly clock: ControllableClock) {}
  push(instanceId: string, osUser: string, line: string): void {
    this.pushed.push({ instanceId, osUser, line, atMs: this.clock.now() });
  }
  validKeys(instanceId: string, osUser: string): string[] {
    const now = this.clock.now();
    return this.pushed.filter((k) => k.instanceId === instanceId && k.osUser === osUser && now - k.atMs < 60_000).map((k) => k.line);
  }
}

describe.each(['embedded', 'openssh'] as const)('SSH hosts (%s back-end)', (backend) => {
  const clock = new ControllableClock();
  clock.freeze();
  const instanceConnect = new FakeInstanceConnect(clock);
  let fleet: EmulatedSshFleet | undefined;
  let unavailable: string | undefined;
  const logins: SshLoginRecord[] = [];

  beforeAll(async () => {
    unavailable = backend === 'openssh' ? await openSshUnavailableReason() : undefined;
    if (unavailable) {
      console.warn(`[ssh] the OpenSSH back-end tests did not run: ${unavailable}`);
      return;
    }
    fleet = await startSshHosts({ specs: [bastion, target], instanceConnect, clock, backend });
    fleet.onDidLogin((r) => logins.push(r));
  });
  afterAll(async () => fleet?.close());

  /** The fleet, or a runtime skip that says why this back-end cannot run on this machine. */
  function started(ctx: { skip: (note?: string) => void }): EmulatedSshFleet {
    if (!fleet) ctx.skip(unavailable);
    return fleet!;
  }

  function loginToBastion(f: EmulatedSshFleet, code = totpCode(TOTP_SECRET, clock.now())) {
    const handle = f.hostFor(bastion.instanceId)!;
    return login({ host: handle.host, port: handle.port, username: 'ec2-user', privateKey: bastionKey.privateKeyOpenSsh, verificationCode: code, expectedHostKey: handle.hostKeyFingerprint });
  }

  it('hops from the bastion (Parameter Store key + TOTP) to a target with an Instance Connect key', async (ctx) => {
    const f = started(ctx);
    const hop = await loginToBastion(f);
    try {
      expect(hop.prompts.join('\n')).toMatch(/code|password/i);
      const route = f.bastionRoute(target.instanceId)!;
      const tunnel = await forwardOut(hop.client, route.host, route.port);
      instanceConnect.push(target.instanceId, 'deploy', instanceConnectKey.publicKeyOpenSsh);
      const targetHandle = f.hostFor(target.instanceId)!;
      const onTarget = await login({ sock: tunnel, username: 'deploy', privateKey: instanceConnectKey.privateKeyOpenSsh, expectedHostKey: targetHandle.hostKeyFingerprint });
      try {
        expect(onTarget.seenHostKeys).toEqual([targetHandle.hostKeyFingerprint]);
        expect(await exec(onTarget.client, 'echo ok')).toMatchObject({ stdout: 'ok\n', code: 0 });
        expect((await exec(onTarget.client, 'echo "$USER:$LOGNAME"; cd && pwd')).stdout).toMatch(/^deploy:deploy\n\S*\/deploy\n$/);
        expect(await exec(onTarget.client, 'echo oops >&2; exit 7')).toMatchObject({ stderr: 'oops\n', code: 7 });

        const shell = await ShellSession.open(onTarget.client, { rows: 24, cols: 80 });
        await shell.waitFor(/deploy@api-prod-1/);
        shell.type('stty size\r');
        await shell.waitFor(/^\r?24 80\r?$/m);
        shell.channel.setWindow(40, 132, 0, 0);
        shell.type('stty size\r');
        await shell.waitFor(/^\r?40 132\r?$/m);
        shell.type('exit 3\r');
        expect(await shell.ended()).toBe(3);
      } finally {
        onTarget.client.end();
      }
    } finally {
      hop.client.end();
    }
  });

  it('records each login with who, where from, how and when', async (ctx) => {
    const f = started(ctx);
    await waitUntil(() => logins.some((r) => r.hostInstanceId === target.instanceId && r.success));
    const onBastion = logins.find((r) => r.hostInstanceId === bastion.instanceId && r.success);
    expect(onBastion).toMatchObject({ osUser: 'ec2-user', methods: ['publickey:authorized-key', 'keyboard-interactive'], keyFingerprint: bastionKey.fingerprint, remoteAddress: '127.0.0.1', atMs: clock.now() });
    const onTarget = logins.find((r) => r.hostInstanceId === target.instanceId && r.success);
    expect(onTarget).toMatchObject({ osUser: 'deploy', methods: ['publickey:instance-connect'], keyFingerprint: instanceConnectKey.fingerprint, remoteAddress: '127.0.0.1' });
    expect(f.logins()).toEqual(expect.arrayContaining([onBastion, onTarget]));
  });

  it('refuses an Instance Connect key once its 60 seconds are over', async (ctx) => {
    const f = started(ctx);
    const handle = f.hostFor(target.instanceId)!;
    instanceConnect.push(target.instanceId, 'ec2-user', instanceConnectKey.publicKeyOpenSsh);
    clock.advance(59_000);
    const inTime = await login({ host: handle.host, port: handle.port, username: 'ec2-user', privateKey: instanceConnectKey.privateKeyOpenSsh, expectedHostKey: handle.hostKeyFingerprint });
    inTime.client.end();
    clock.advance(2_000);
    await expect(
      login({ host: handle.host, port: handle.port, username: 'ec2-user', privateKey: instanceConnectKey.privateKeyOpenSsh, expectedHostKey: handle.hostKeyFingerprint }),
    ).rejects.toThrow(/authentication methods failed/);
  });

  it('lets a target in only with its own key: not the bastion key, not a stranger, not an unknown user', async (ctx) => {
    const f = started(ctx);
    const handle = f.hostFor(target.instanceId)!;
    const as = (username: string, privateKey: string) => login({ host: handle.host, port: handle.port, username, privateKey, expectedHostKey: handle.hostKeyFingerprint });
    const own = await as('ec2-user', targetKey.privateKeyOpenSsh);
    expect((await exec(own.client, 'echo "$USER"')).stdout).toBe('ec2-user\n');
    own.client.end();
    await expect(as('ec2-user', bastionKey.privateKeyOpenSsh)).rejects.toThrow(/authentication methods failed/);
    await expect(as('ec2-user', strangerKey.privateKeyOpenSsh)).rejects.toThrow(/authentication methods failed/);
    await expect(as('root', targetKey.privateKeyOpenSsh)).rejects.toThrow(/authentication methods failed/);
  });

  it('refuses a wrong TOTP code, and the key alone, and records the failure', async (ctx) => {
    const f = started(ctx);
    const right = totpCode(TOTP_SECRET, clock.now());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    await expect(loginToBastion(f, wrong)).rejects.toThrow(/authentication methods failed/);
    const stale = totpCode(TOTP_SECRET, clock.now() - 5 * 60_000);
    await expect(loginToBastion(f, stale)).rejects.toThrow(/authentication methods failed/);
    const handle = f.hostFor(bastion.instanceId)!;
    await expect(
      login({ host: handle.host, port: handle.port, username: 'ec2-user', privateKey: bastionKey.privateKeyOpenSsh, expectedHostKey: handle.hostKeyFingerprint }),
    ).rejects.toThrow(/authentication methods failed/);
    await waitUntil(() => logins.filter((r) => r.hostInstanceId === bastion.instanceId && !r.success).length >= 3);
    const failed = logins.filter((r) => r.hostInstanceId === bastion.instanceId && !r.success);
    for (const record of failed) expect(record).toMatchObject({ osUser: 'ec2-user', methods: ['publickey:authorized-key'], keyFingerprint: bastionKey.fingerprint });
  });

  it('presents the stable host key derived from each instance seed', async (ctx) => {
    const f = started(ctx);
    for (const spec of [bastion, target]) {
      const handle = f.hostFor(spec.instanceId)!;
      expect(handle.hostKeyFingerprint).toBe(hostKeyOf(spec).fingerprint);
      expect(handle.hostPublicKey.split(' ').slice(0, 2)).toEqual(hostKeyOf(spec).publicKeyOpenSsh.split(' ').slice(0, 2));
      // A client pinning another key refuses the host.
      await expect(
        login({ host: handle.host, port: handle.port, username: 'ec2-user', privateKey: targetKey.privateKeyOpenSsh, expectedHostKey: strangerKey.fingerprint }),
      ).rejects.toThrow(/verification failed/i);
    }
    expect(f.sshConfig()).toContain(`HostKeyAlias ${target.instanceId}`);
    expect(f.knownHosts()).toContain(`${bastion.instanceId} ssh-ed25519 `);
  });

  it('is reachable by the OpenSSH client through the rendered ssh_config and known_hosts alone', async (ctx) => {
    const f = started(ctx);
    if (!existsSync('/usr/bin/ssh')) ctx.skip('no OpenSSH client at /usr/bin/ssh (package openssh-client)');
    const dir = mkdtempSync(join(tmpdir(), 'ssh-config-test-'));
    try {
      const keyFile = join(dir, 'id_ed25519');
      writeFileSync(keyFile, targetKey.privateKeyOpenSsh, { mode: 0o600 });
      writeFileSync(join(dir, 'known_hosts'), f.knownHosts());
      writeFileSync(join(dir, 'config'), f.sshConfig({ knownHostsFile: join(dir, 'known_hosts') }));
      const ssh = (host: string) =>
        promisify(execFile)('/usr/bin/ssh', ['-F', join(dir, 'config'), '-i', keyFile, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', host, 'echo "$USER on $(cat /proc/sys/kernel/ostype)"'], { timeout: 10_000 });
      // By instance ID and by private IP, as the product's users address hosts.
      expect((await ssh(target.instanceId)).stdout).toBe('ec2-user on Linux\n');
      expect((await ssh(target.privateIp)).stdout).toBe('ec2-user on Linux\n');
      // A known_hosts that pins another key makes the client refuse the host.
      writeFileSync(join(dir, 'known_hosts'), `${target.instanceId} ${strangerKey.publicKeyOpenSsh}\n`);
      await expect(ssh(target.instanceId)).rejects.toThrow(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never forwards outside loopback, and targets do not forward at all', async (ctx) => {
    const f = started(ctx);
    const hop = await loginToBastion(f);
    try {
      await expect(forwardOut(hop.client, '10.9.9.9', 22)).rejects.toThrow(/Channel open failure/);
      await expect(forwardOut(hop.client, '93.184.216.34', 443)).rejects.toThrow(/Channel open failure/);
      await expect(forwardOut(hop.client, 'example.com', 80)).rejects.toThrow(/Channel open failure/);
    } finally {
      hop.client.end();
    }
    const handle = f.hostFor(target.instanceId)!;
    const onTarget = await login({ host: handle.host, port: handle.port, username: 'ec2-user', privateKey: targetKey.privateKeyOpenSsh, expectedHostKey: handle.hostKeyFingerprint });
    try {
      const bastionHandle = f.hostFor(bastion.instanceId)!;
      await expect(forwardOut(onTarget.client, '127.0.0.1', bastionHandle.port)).rejects.toThrow(/Channel open failure/);
    } finally {
      onTarget.client.end();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
