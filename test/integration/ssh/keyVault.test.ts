// The key vault behind the product's SSH connect path, against the whole emulator on both SSH
// back-ends: EC2 Instance Connect keys to the bastion and the target; an Instance Connect key that
// expires before it is used, and a denied GetParameter, each give a clear message and no session;
// and, after shell sessions with every key source (Parameter Store, Instance Connect, a key file
// with a passphrase, the SSH agent), no private key byte is found in the user-data directory, the
// temporary directory, the logs or the recordings. After sign-out or expiry the vault is empty and
// the next hop asks for its key again.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEnd } from '../../../common/api/contract';
import type { InstanceSummary } from '../../../common/api/inventory';
import type { TerminalPrompt } from '../../../common/api/sessions';
import { SshKeySettingsSchema, type SshKeySettings } from '../../../common/api/sshKeySettings';
import { RecordingHistory } from '../../../main/sessions/recording/recordingHistory';
import { TerminalService } from '../../../main/sessions/terminalService';
import { createSshServices, type SshServices } from '../../../main/ssh';
import { createKeyAwsApi, type KeyAwsApi } from '../../../main/ssh/keys/awsKeyApi';
import { KeyVaultService } from '../../../main/ssh/keys/keyVaultService';
import { vaultKeyProvider } from '../../../main/ssh/keys/vaultKeyProvider';
import { sshTerminalOpener } from '../../../main/ssh/terminalOpener';
import type { SshPrompter } from '../../../main/ssh/types';
import { DEV, DEV_BASTION, REGION, useSshWorld, type SshWorld } from './sshWorld';

const DEV_NO_AGENT = 'i-0c33333333333333d';
const BASTION_PARAMETER = '/fumidai/keys/development/bastion';
const TARGET_PARAMETER = '/fumidai/keys/development/no-agent';
const PASSPHRASE = 'correct horse battery';

describe.each(['embedded', 'openssh'] as const)('key vault (%s back-end)', (backend) => {
  const world = useSshWorld(backend, { captureTemp: true });
  let agent: ChildProcess | undefined;
  let agentSocket: string;
  const logs: string[] = [];
  const parameterReads: string[] = [];
  let settings: SshKeySettings;
  let vault: KeyVaultService;
  let ssh: SshServices;

  beforeAll(async () => {
    const w = world.current;
    if (!w) return;
    agentSocket = join(w.root, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
    await waitFor(() => exists(agentSocket), 'ssh-agent to listen');
    settings = SshKeySettingsSchema.parse({});
    const aws = createKeyAwsApi(w.credentials);
    const counted: KeyAwsApi = {
      getSecureString: (ctx, name) => (parameterReads.push(name), aws.getSecureString(ctx, name)),
      sendSshPublicKey: (ctx, input) => aws.sendSshPublicKey(ctx, input),
    };
    const env = { HOME: w.home, SSH_AUTH_SOCK: agentSocket };
    vault = new KeyVaultService({ aws: counted, settings: () => settings, now: () => w.emu.clock.now(), env, log: (m) => logs.push(m) });
    ssh = servicesWith(vault, w.configDir);
  }, 60_000);

  afterAll(() => {
    vault?.dispose();
    agent?.kill();
  });

  function servicesWith(v: KeyVaultService, dir: string): SshServices {
    const w = world.started();
    const env = { HOME: w.home, SSH_AUTH_SOCK: agentSocket };
    return createSshServices({ configDir: dir, env, credentials: w.credentials, keys: vaultKeyProvider({ vault: v, settings: () => settings, env }), log: (m) => logs.push(m) });
  }

  function started(ctx: { skip: (note?: string) => void }): SshWorld['emu'] {
    return world.started(ctx).emu;
  }

  function summaryOf(id: string): InstanceSummary {
    return world.started().summaryOf(id, { accountName: 'acme-dev', roleName: 'Developer' });
  }

  const access = (roleName = 'Developer') => ({ ssoSessionId: 'acme', accountId: DEV, roleName, region: REGION });
  const throughBastion = () => ({ target: summaryOf(DEV_NO_AGENT), via: { kind: 'bastion' as const, bastion: summaryOf(DEV_BASTION) } });
  const trustingPrompter = (onHostKey: () => void = () => {}): SshPrompter => ({
    confirmHostKey: async () => (onHostKey(), true),
    keyboardInteractive: async () => undefined,
  });

  it('pushes one Instance Connect key to the bastion and the target, and logs in to both with it', async (ctx) => {
    const e = started(ctx);
    settings = SshKeySettingsSchema.parse({ rules: [{ accountId: DEV, source: 'instance-connect' }] });
    const pushesBefore = e.events().filter((ev) => ev.eventName === 'SendSSHPublicKey').length;
    const conn = await ssh.sessions.connect({ access: access(), ...throughBastion() }, trustingPrompter());
    try {
      expect(await run(conn.chain.client, 'echo "on $(hostname) as $USER"')).toMatch(/as ec2-user/);
    } finally {
      conn.chain.close();
    }
    const pushes = e.events().filter((ev) => ev.eventName === 'SendSSHPublicKey').slice(pushesBefore);
    expect(pushes.map((p) => p.resources?.[0]?.name)).toEqual([DEV_BASTION, DEV_NO_AGENT]);
    const [key] = vault.list().keys;
    expect(key).toMatchObject({ source: 'instance-connect', hosts: [{ instanceId: DEV_BASTION, hop: 'bastion' }, { instanceId: DEV_NO_AGENT, hop: 'target' }] });
    const logins = e.ssh!.logins().filter((r) => r.success && r.keyFingerprint === key!.fingerprint);
    expect(logins.map((r) => [r.hostInstanceId, r.methods])).toEqual([
      [DEV_BASTION, ['publickey:instance-connect']],
      [DEV_NO_AGENT, ['publickey:instance-connect']],
    ]);
    // Used within its 60 seconds, then gone from the vault.
    e.clock.advance(60_000);
    vault.sweep();
    expect(vault.list().keys).toEqual([]);
  });

  it('refuses an Instance Connect key that expired before it was used, with a clear message and no session', async (ctx) => {
    const e = started(ctx);
    settings = SshKeySettingsSchema.parse({ rules: [{ accountId: DEV, source: 'instance-connect' }] });
    const loginsBefore = e.ssh!.logins().length;
    // The person takes over a minute to read the bastion's host key (a fresh host-key store asks):
    // the key pushed for that login has expired, and the vault says so instead of trying it.
    const unseen = servicesWith(vault, mkdtempSync(join(world.started().root, 'store-')));
    await expect(unseen.sessions.connect({ access: access(), ...throughBastion() }, trustingPrompter(() => e.clock.advance(61_000)))).rejects.toMatchObject({
      code: 'KeyExpired',
      message: expect.stringMatching(/EC2 Instance Connect key .* 60 seconds only\. Connect again/),
    });
    expect(e.ssh!.logins().slice(loginsBefore).filter((r) => r.success)).toEqual([]);

    // When only the host's clock says so (the vault's lags), the host refuses and the message says why.
    const frozen = e.clock.now();
    const lagging = new KeyVaultService({ aws: createKeyAwsApi(world.started().credentials), settings: () => settings, now: () => frozen, env: {} });
    const other = servicesWith(lagging, mkdtempSync(join(world.started().root, 'store-')));
    await expect(other.sessions.connect({ access: access(), target: summaryOf(DEV_BASTION), via: { kind: 'direct' } }, trustingPrompter(() => e.clock.advance(61_000)))).rejects.toMatchObject({
      code: 'AccessDenied',
      message: expect.stringMatching(/refused the EC2 Instance Connect key for ec2-user.*expired/),
    });
    lagging.dispose();
    expect(e.ssh!.logins().slice(loginsBefore).filter((r) => r.success)).toEqual([]);
  });

  it('says which key a role may not read when GetParameter is denied, and opens no session', async (ctx) => {
    const e = started(ctx);
    settings = SshKeySettingsSchema.parse({});
    const loginsBefore = e.ssh!.logins().length;
    await expect(ssh.sessions.connect({ access: access('ReadOnly'), ...throughBastion() }, trustingPrompter())).rejects.toMatchObject({
      code: 'AccessDenied',
      message: expect.stringMatching(new RegExp(`role ReadOnly in account ${DEV} may not read the SSH key ${BASTION_PARAMETER} \\(AWS: .*kms:Decrypt.*\\)\\. Ask for ssm:GetParameter and kms:Decrypt`)),
    });
    expect(vault.list().keys.filter((k) => k.roleName === 'ReadOnly')).toEqual([]);
    // The bastion was never even asked to authenticate anyone.
    expect(e.ssh!.logins().slice(loginsBefore).filter((r) => r.success || r.methods.length > 0)).toEqual([]);
  });

  it('writes no private key byte anywhere after shells with every key source; after sign-out or expiry the next hop asks again', async (ctx) => {
    const { emu: e, configDir, home, temp, credentials } = world.started(ctx);
    const history = new RecordingHistory({ dir: join(configDir, 'recordings') });
    const terminals = new TerminalService({
      credentials,
      ssh: sshTerminalOpener({ ssh: ssh.sessions, lookup: (_s, id) => summaryOf(id) }),
      record: ({ input, identity, shell }) => history.record(shell, { identity, accountId: input.accountId, roleName: input.roleName, instanceId: input.instanceId }, { cols: input.cols, rows: input.rows }),
      log: (m) => logs.push(m),
    });
    // Every private key that will be used: the two in Parameter Store (one also becomes the user's
    // key file and is added to the agent) and each Instance Connect key the vault generates.
    const secrets: Buffer[] = [];
    const admin = createKeyAwsApi(credentials);
    for (const name of [BASTION_PARAMETER, TARGET_PARAMETER]) {
      const value = await admin.getSecureString({ ...access('AdministratorAccess') }, name);
      secrets.push(Buffer.from(value!));
    }
    vault.onDidLoad((info) => {
      if (info.source !== 'instance-connect') return;
      // Test-only reach into the vault, to learn the ephemeral key it generated.
      const entry = (vault as unknown as { entries: Map<string, { held: { pkcs8: Buffer } }> }).entries.get(info.id);
      secrets.push(Buffer.from(entry!.held.pkcs8));
    });
    // The user's own key file (outside the scanned directories, as ~/.ssh is) and their agent.
    const keyFile = join(home, '.ssh', 'id_fumidai');
    writeFileSync(keyFile, secrets[0]!, { mode: 0o600 });
    execFileSync('ssh-add', [keyFile], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket }, stdio: 'ignore' });
    execFileSync('ssh-keygen', ['-p', '-q', '-N', PASSPHRASE, '-f', keyFile], { stdio: 'ignore' });

    const shellWith = async (rules: SshKeySettings['rules'], answers: string[] = [], lifetimeMinutes = 60) => {
      settings = SshKeySettingsSchema.parse({ rules, lifetimeMinutes });
      const { meta, source } = terminals.openSsh({ ssoSessionId: 'acme', accountId: DEV, roleName: 'Developer', region: REGION, instanceId: DEV_NO_AGENT, via: 'bastion', cols: 80, rows: 24 });
      let text = '';
      source.onData((c) => (text += Buffer.from(c).toString()));
      const ended = new Promise<StreamEnd>((r) => source.onEnd(r));
      const asked: TerminalPrompt[] = [];
      while (terminals.list().find((t) => t.terminalId === meta.terminalId)?.state !== 'live') {
        const t = terminals.list().find((x) => x.terminalId === meta.terminalId)!;
        if (t.state === 'ended') throw new Error(`the session ended: ${t.endReason}`);
        if (t.prompt && t.prompt.promptId !== asked.at(-1)?.promptId) {
          asked.push(t.prompt);
          if (t.prompt.kind === 'host-key') terminals.answerPrompt(meta.terminalId, t.prompt.promptId, true);
          else terminals.answerPrompt(meta.terminalId, t.prompt.promptId, true, [answers.shift() ?? '']);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      source.write(Buffer.from('echo "key-test $USER"; exit 0\r'));
      expect(await ended).toEqual({ reason: 'exit', exitCode: 0 });
      expect(text).toContain('key-test ec2-user');
      return asked;
    };

    await shellWith([]); // Parameter Store, both hops
    await shellWith([{ accountId: DEV, source: 'instance-connect' }]);
    await shellWith([{ accountId: DEV, hop: 'bastion', source: 'agent' }, { accountId: DEV, source: 'parameter-store' }]);
    const asked = await shellWith([{ accountId: DEV, hop: 'bastion', source: 'file', keyFile: '~/.ssh/id_fumidai' }], ['wrong passphrase', PASSPHRASE]);
    expect(asked.filter((p) => p.kind === 'keyboard-interactive').map((p) => (p as { prompts: Array<{ echo: boolean }> }).prompts[0]!.echo)).toEqual([false, false]);
    expect(new Set(vault.list().keys.map((k) => k.source))).toEqual(new Set(['parameter-store', 'instance-connect', 'agent', 'file']));
    await expect.poll(async () => (await history.list()).filter((h) => h.complete).length, { timeout: 5_000 }).toBe(4);
    expect(secrets.length).toBeGreaterThanOrEqual(3);

    // Nothing of any key, in any encoding we know, in user data, temp, logs or recordings.
    const logFile = join(configDir, 'logs', 'main.log');
    mkdirSync(join(configDir, 'logs'), { recursive: true });
    writeFileSync(logFile, logs.join('\n'));
    const scanned = [...filesUnder(configDir), ...filesUnder(temp)];
    expect(scanned.some((f) => f.includes('recordings'))).toBe(true);
    expect(scanned).toContain(logFile);
    const found: string[] = [];
    for (const needle of secrets.flatMap(needlesOf)) {
      for (const file of scanned) if (contentsOf(file).some((c) => c.includes(needle.bytes))) found.push(`${needle.what} in ${file}`);
    }
    expect(found).toEqual([]);

    // Sign-out empties the vault; the next hop reads its key from Parameter Store again.
    expect(vault.wipeAll('sign-out', { ssoSessionId: 'acme' })).toBeGreaterThan(0);
    expect(vault.list().keys).toEqual([]);
    const reads = parameterReads.length;
    await shellWith([]);
    expect(parameterReads.length).toBeGreaterThan(reads);
    // Expiry too (here a 20-minute lifetime): then the key file asks for its passphrase again.
    const fileRule = [{ accountId: DEV, hop: 'bastion' as const, source: 'file' as const, keyFile: '~/.ssh/id_fumidai' }];
    vault.wipeAll('forgotten');
    await shellWith(fileRule, [PASSPHRASE], 20);
    e.clock.advance(20 * 60_000);
    vault.sweep();
    expect(vault.list().keys).toEqual([]);
    const again = await shellWith(fileRule, [PASSPHRASE], 20);
    expect(again.filter((p) => p.kind === 'keyboard-interactive')).toHaveLength(1);
  }, 120_000);
});

/**
 * The forms a private key could be written in: its PEM text and base64 body, the DER key, and the
 * raw private key in binary, hex and base64 — the latter at each of the three alignments it can have
 * inside a longer base64 text, so a copy inside any base64 blob is found too. Lines of the PEM body
 * are not needles on their own: the first ones are the same for every OpenSSH key of a type.
 */
function needlesOf(secret: Buffer): Array<{ what: string; bytes: Buffer }> {
  const out: Array<{ what: string; bytes: Buffer }> = [];
  let der = secret;
  const text = secret.toString('utf8');
  if (text.includes('-----BEGIN')) {
    out.push({ what: 'the PEM text', bytes: Buffer.from(text.trim()) });
    out.push({ what: 'the base64 body', bytes: Buffer.from(text.split('\n').filter((l) => l && !l.startsWith('-----')).join('')) });
    const parsed = ssh2.utils.parseKey(secret) as ParsedKey;
    der = Buffer.from(parsed.getPrivatePEM().split('\n').filter((l) => l && !l.startsWith('-----')).join(''), 'base64');
  }
  // Ed25519 PKCS#8: the 32-byte private key is the DER's tail.
  const raw = der.subarray(-32);
  out.push({ what: 'the DER key', bytes: der }, { what: 'the raw private key', bytes: raw }, { what: 'the raw private key in hex', bytes: Buffer.from(raw.toString('hex')) });
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), raw]).toString('base64');
    out.push({ what: `the raw private key in base64 (alignment ${k})`, bytes: Buffer.from(b64.slice(k ? 4 : 0, -4)) });
  }
  return out;
}

/** The file's bytes, and the same without line breaks (wrapped base64 hides a needle across lines). */
function contentsOf(file: string): Buffer[] {
  const bytes = readFileSync(file);
  return [bytes, Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, ''), 'latin1')];
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function run(client: ssh2.Client, command: string): Promise<string> {
  return new Promise((resolve, reject) =>
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      let out = '';
      channel.on('data', (d: Buffer) => (out += d.toString()));
      channel.on('close', () => resolve(out));
    }),
  );
}
