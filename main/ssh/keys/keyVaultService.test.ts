import { generateKeyPairSync } from '../../../test/helpers/sshKeyPair';
import ssh2, { type BaseAgent, type IdentityCallback, type ParsedKey, type SignCallback, type SigningRequestOptions } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { FumidaiError } from '../../../common/api/errors';
import { SshKeySettingsSchema, type SshKeySettings } from '../../../common/api/sshKeySettings';
import type { AwsCallContext, KeyAwsApi } from './awsKeyApi';
import type { KeyRequest } from './keyVault';
import { INSTANCE_CONNECT_VALIDITY_MS, KeyVaultService, NEAR_EXPIRY_MS } from './keyVaultService';

const { parseKey } = ssh2.utils;
const HOUR = 3600_000;

/** Parameter Store and Instance Connect as the vault sees them, recording every call. */
class FakeAws implements KeyAwsApi {
  readonly parameters = new Map<string, string>();
  readonly gets: string[] = [];
  readonly pushes: Array<{ instanceId: string; osUser: string; publicKey: string; accountId: string }> = [];
  deny?: string;
  async getSecureString(ctx: AwsCallContext, name: string) {
    this.gets.push(name);
    if (this.deny) throw new FumidaiError('AccessDenied', this.deny);
    const v = this.parameters.get(name);
    return v === undefined ? undefined : Buffer.from(v);
  }
  async sendSshPublicKey(ctx: AwsCallContext, input: { instanceId: string; osUser: string; publicKey: string }) {
    this.pushes.push({ ...input, accountId: ctx.accountId });
  }
}

function verifies(publicKey: ParsedKey | string, agent: BaseAgent): Promise<boolean> {
  const pub = typeof publicKey === 'string' ? (parseKey(publicKey) as ParsedKey) : publicKey;
  const data = Buffer.from('to be signed');
  return new Promise((resolve, reject) =>
    agent.sign(pub, data, {}, (err, sig) => (err ? reject(err) : resolve(pub.verify(data, sig!)))),
  );
}

function signError(agent: BaseAgent): Promise<string> {
  return new Promise((resolve) => agent.sign(Buffer.alloc(0), Buffer.from('x'), {}, (err) => resolve(err?.message ?? 'signed')));
}

const bastionPair = generateKeyPairSync('ed25519');
const targetPair = generateKeyPairSync('ed25519');

function setup(overrides: Partial<SshKeySettings> = {}, ssoEnd?: number) {
  let now = 1_700_000_000_000;
  const aws = new FakeAws();
  aws.parameters.set('/fumidai/keys/development/bastion', bastionPair.private);
  aws.parameters.set('/fumidai/keys/development/no-agent', targetPair.private);
  const settings = SshKeySettingsSchema.parse(overrides);
  const events: string[] = [];
  const vault = new KeyVaultService({ aws, settings: () => settings, now: () => now, ssoSessionEnd: () => ssoEnd, env: {} });
  vault.onDidLoad((k) => events.push(`load ${k.source}`));
  vault.onDidNearExpiry((k) => events.push(`near ${k.id}`));
  vault.onDidExpire((k) => events.push(`expire ${k.id}`));
  vault.onDidWipe(({ info, reason }) => events.push(`wipe ${info.id} ${reason}`));
  vaults.push(vault);
  return { vault, aws, events, settings, advance: (ms: number) => (now += ms), now: () => now };
}
const vaults: KeyVaultService[] = [];
afterEach(() => vaults.splice(0).forEach((v) => v.dispose()));

const hop = (over: Partial<KeyRequest> = {}): KeyRequest => ({
  ssoSessionId: 'acme',
  accountId: '333333333333',
  roleName: 'Developer',
  region: 'ap-northeast-1',
  instanceId: 'i-0c33333333333333c',
  instanceName: 'dev-bastion',
  environment: 'development',
  hop: 'bastion',
  osUser: 'ec2-user',
  connectionId: 'c1',
  ...over,
});
const target = (over: Partial<KeyRequest> = {}) => hop({ instanceId: 'i-0c33333333333333d', instanceName: 'dev-no-agent', hop: 'target', ...over });

describe('KeyVaultService: Parameter Store', () => {
  it('finds the key at the default path, hands ssh2 an agent that signs with it, and reuses it', async () => {
    const { vault, aws, events } = setup();
    const key = await vault.acquire(hop());
    expect(aws.gets).toEqual(['/fumidai/keys/development/bastion']);
    expect(key.info).toMatchObject({ source: 'parameter-store', label: '/fumidai/keys/development/bastion', algorithm: 'ssh-ed25519', hosts: [{ instanceId: 'i-0c33333333333333c', hop: 'bastion', osUser: 'ec2-user' }] });
    const method = key.authMethod('ec2-user');
    expect(method).toMatchObject({ type: 'agent', username: 'ec2-user' });
    expect(await verifies(bastionPair.public, method.agent as BaseAgent)).toBe(true);
    const again = await vault.acquire(hop({ connectionId: 'c2' }));
    expect(again.info.id).toBe(key.info.id);
    expect(aws.gets).toHaveLength(1);
    expect(events).toEqual(['load parameter-store']);
  });

  it('tries the host name without its environment prefix for a target, and lists what it tried when nothing is there', async () => {
    const { vault, aws } = setup();
    const key = await vault.acquire(target());
    expect(aws.gets).toEqual(['/fumidai/keys/development/dev-no-agent', '/fumidai/keys/development/no-agent']);
    expect(await verifies(targetPair.public, key.agent)).toBe(true);
    const missing = vault.acquire(target({ instanceId: 'i-0c33333333333333b', instanceName: 'dev-app-2' }));
    await expect(missing).rejects.toMatchObject({ code: 'NotFound', message: expect.stringContaining('/fumidai/keys/development/dev-app-2, /fumidai/keys/development/app-2, /fumidai/keys/development/i-0c33333333333333b') });
  });

  it('passes a denial through and holds nothing', async () => {
    const { vault, aws } = setup();
    aws.deny = 'The role Developer may not read the SSH key /fumidai/keys/development/bastion';
    await expect(vault.acquire(hop())).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(vault.list().keys).toEqual([]);
  });

  it('uses the parameter a rule names, with placeholders', async () => {
    const { vault, aws } = setup({ rules: [{ accountId: '333333333333', source: 'parameter-store', parameter: '/team/{environment}/{hop}-key' }] });
    aws.parameters.set('/team/development/bastion-key', bastionPair.private);
    const key = await vault.acquire(hop());
    expect(key.info.label).toBe('/team/development/bastion-key');
  });

  it('refuses a value that is not a usable private key, naming the parameter', async () => {
    const { vault, aws } = setup();
    aws.parameters.set('/fumidai/keys/development/bastion', 'not a key');
    await expect(vault.acquire(hop())).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringContaining('/fumidai/keys/development/bastion') });
  });
});

describe('KeyVaultService: expiry and wiping', () => {
  it('keeps a key one hour by default, warns five minutes before, then expires and wipes it', async () => {
    const { vault, events, advance, now } = setup();
    const key = await vault.acquire(hop());
    expect(key.info.expiresAt).toBe(now() + HOUR);
    advance(HOUR - NEAR_EXPIRY_MS);
    vault.sweep();
    expect(events).toContain(`near ${key.info.id}`);
    expect(key.usable).toBe(true);
    advance(NEAR_EXPIRY_MS);
    vault.sweep();
    expect(events.slice(-2)).toEqual([`expire ${key.info.id}`, `wipe ${key.info.id} expired`]);
    expect(vault.list().keys).toEqual([]);
    expect(key.usable).toBe(false);
    expect(() => key.authMethod('ec2-user')).toThrow(expect.objectContaining({ code: 'KeyExpired', message: expect.stringMatching(/expired and was wiped. Connect again/) }));
    expect(await signError(key.agent)).toMatch(/expired and was wiped/);
  });

  it('ends with the SSO sign-in when that comes first, and a configured lifetime otherwise', async () => {
    const start = 1_700_000_000_000;
    const early = setup({}, start + 20 * 60_000);
    expect((await early.vault.acquire(hop())).info.expiresAt).toBe(start + 20 * 60_000);
    const longer = setup({ lifetimeMinutes: 10 }, start + 20 * 60_000);
    expect((await longer.vault.acquire(hop())).info.expiresAt).toBe(start + 10 * 60_000);
    const ignoring = setup({ endWithSsoSession: false }, start + 20 * 60_000);
    expect((await ignoring.vault.acquire(hop())).info.expiresAt).toBe(start + HOUR);
  });

  it('wipes a session’s keys at sign-out and loads afresh for the next hop', async () => {
    const { vault, aws, events } = setup();
    const mine = await vault.acquire(hop());
    const other = await vault.acquire(hop({ ssoSessionId: 'other' }));
    expect(vault.wipeAll('sign-out', { ssoSessionId: 'acme' })).toBe(1);
    expect(vault.list().keys.map((k) => k.id)).toEqual([other.info.id]);
    expect(events).toContain(`wipe ${mine.info.id} sign-out`);
    expect(() => mine.authMethod('ec2-user')).toThrow(/wiped at sign-out/);
    const fresh = await vault.acquire(hop());
    expect(fresh.info.id).not.toBe(mine.info.id);
    expect(aws.gets).toHaveLength(3);
  });

  it('forgets one key or all on request; a shorter lifetime setting shortens held keys', async () => {
    const { vault, settings, now } = setup();
    const a = await vault.acquire(hop());
    const b = await vault.acquire(target());
    expect(vault.wipe(a.info.id, 'forgotten')).toBe(true);
    expect(vault.wipe(a.info.id, 'forgotten')).toBe(false);
    expect(await signError(a.agent)).toMatch(/was forgotten/);
    settings.lifetimeMinutes = 15;
    vault.applyLifetime();
    expect(vault.list().keys[0]!.expiresAt).toBe(now() + 15 * 60_000);
    expect(vault.wipeAll('quit')).toBe(1);
    expect(b.usable).toBe(false);
  });

  it('reports every change with the list and the main side’s clock, never a private key', async () => {
    const { vault, now } = setup();
    const seen: string[] = [];
    vault.onDidChange((s) => seen.push(JSON.stringify(s)));
    await vault.acquire(hop());
    vault.wipeAll('lock');
    expect(seen).toHaveLength(2);
    expect(JSON.parse(seen[0]!)).toMatchObject({ now: now(), keys: [{ source: 'parameter-store' }] });
    const body = bastionPair.private.split('\n').slice(1, -2).join('');
    for (const s of seen) {
      expect(s).not.toContain('PRIVATE');
      expect(s).not.toContain(body.slice(0, 40));
    }
  });
});

describe('KeyVaultService: EC2 Instance Connect', () => {
  it('pushes one fresh key pair per connection to the bastion and the target, valid 60 s from the last push', async () => {
    const { vault, aws, advance, now } = setup({ rules: [{ source: 'instance-connect' }] });
    const onBastion = await vault.acquire(hop());
    advance(10_000);
    const onTarget = await vault.acquire(target({ osUser: 'deploy' }));
    expect(onTarget.info.id).toBe(onBastion.info.id);
    expect(aws.pushes.map((p) => `${p.osUser}@${p.instanceId}`)).toEqual(['ec2-user@i-0c33333333333333c', 'deploy@i-0c33333333333333d']);
    expect(aws.pushes[0]!.publicKey).toBe(aws.pushes[1]!.publicKey);
    expect(onTarget.info.expiresAt).toBe(now() + INSTANCE_CONNECT_VALIDITY_MS);
    expect(onTarget.info.hosts.map((h) => h.hop)).toEqual(['bastion', 'target']);
    expect(await verifies(aws.pushes[0]!.publicKey, onTarget.agent)).toBe(true);

    const next = await vault.acquire(hop({ connectionId: 'c2' }));
    expect(next.info.fingerprint).not.toBe(onBastion.info.fingerprint);
  });

  it('refuses an expired Instance Connect key with a message that says to connect again', async () => {
    const { vault, advance } = setup({ rules: [{ source: 'instance-connect' }] });
    const key = await vault.acquire(hop());
    advance(INSTANCE_CONNECT_VALIDITY_MS);
    expect(() => key.authMethod('ec2-user')).toThrow(expect.objectContaining({ code: 'KeyExpired', message: expect.stringMatching(/EC2 Instance Connect key .* 60 seconds only\. Connect again/) }));
    expect(await signError(key.agent)).toMatch(/60 seconds only/);
    expect(vault.list().keys).toEqual([]);
  });

  it('holds nothing when the push is refused', async () => {
    const { vault, aws } = setup({ rules: [{ source: 'instance-connect' }] });
    aws.sendSshPublicKey = async () => {
      throw new FumidaiError('AccessDenied', 'may not push');
    };
    await expect(vault.acquire(hop())).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(vault.list().keys).toEqual([]);
  });
});

describe('KeyVaultService: key files and the SSH agent', () => {
  const encrypted = generateKeyPairSync('ed25519', { passphrase: 'correct horse', cipher: 'aes256-ctr', rounds: 2 });
  const files = new Map<string, Buffer>();

  function fileVault() {
    const s = setup({ rules: [{ source: 'file', keyFile: '~/.ssh/id_ed25519' }] });
    const vault = new KeyVaultService({
      aws: s.aws,
      settings: () => s.settings,
      now: s.now,
      keyFiles: { home: '/home/u', readFile: async (p) => {
        const b = files.get(p);
        if (!b) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        return Buffer.from(b);
      } },
    });
    vaults.push(vault);
    return vault;
  }

  it('asks for the passphrase again after a wrong one, and again after the key is wiped', async () => {
    files.set('/home/u/.ssh/id_ed25519', Buffer.from(encrypted.private));
    const vault = fileVault();
    const asked: number[] = [];
    const answers = ['wrong', 'correct horse'];
    const key = await vault.acquire(hop(), { askPassphrase: async ({ attempt, label }) => (asked.push(attempt), expect(label).toBe('~/.ssh/id_ed25519'), answers.shift()) });
    expect(asked).toEqual([1, 2]);
    expect(key.info).toMatchObject({ source: 'file', label: '~/.ssh/id_ed25519' });
    expect(await verifies(encrypted.public, key.agent)).toBe(true);
    vault.wipeAll('lock');
    await expect(vault.acquire(hop(), { askPassphrase: async () => undefined })).rejects.toMatchObject({ code: 'Cancelled' });
    await expect(vault.acquire(hop(), { askPassphrase: async () => 'nope' })).rejects.toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/not right \(3 attempts\)/) });
    await expect(vault.acquire(hop())).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringMatching(/passphrase.*ssh-add/) });
  });

  it('says when the key file is missing', async () => {
    files.clear();
    await expect(fileVault().acquire(hop())).rejects.toMatchObject({ code: 'NotFound', message: expect.stringContaining('~/.ssh/id_ed25519 does not exist') });
  });

  it('offers the agent’s keys (or the one asked for) and stops when forgotten', async () => {
    const a = generateKeyPairSync('ed25519');
    const b = generateKeyPairSync('ecdsa', { bits: 256 });
    const keys = [a, b].map((p) => parseKey(p.private) as ParsedKey);
    class MemoryAgent extends ssh2.BaseAgent {
      getIdentities(cb: IdentityCallback) {
        cb(undefined, [a.public, b.public]);
      }
      sign(pub: string | Buffer | ParsedKey, data: Buffer, options?: SigningRequestOptions | SignCallback, cb?: SignCallback) {
        const done = (typeof options === 'function' ? options : cb)!;
        const parsed = parseKey(pub) as ParsedKey;
        const k = keys.find((k) => k.getPublicSSH().equals(parsed.getPublicSSH()))!;
        done(undefined, k.sign(data));
      }
    }
    const s = setup();
    const vault = new KeyVaultService({ aws: s.aws, settings: () => s.settings, now: s.now, env: { SSH_AUTH_SOCK: '/agent.sock' }, createAgent: () => new MemoryAgent() });
    vaults.push(vault);
    const all = await vault.acquire(hop({ source: { kind: 'agent' } }));
    expect(all.info).toMatchObject({ source: 'agent', label: 'SSH agent (2 keys)' });
    const listed = await new Promise<ParsedKey[]>((r) => all.agent.getIdentities((_e, k) => r(k as ParsedKey[])));
    expect(listed).toHaveLength(2);
    expect(await verifies(listed[1]!, all.agent)).toBe(true);

    const fp = (await vault.acquire(hop({ ssoSessionId: 'x', source: { kind: 'agent' } }))).info.fingerprint;
    const one = await vault.acquire(hop({ ssoSessionId: 'y', source: { kind: 'agent', fingerprint: fp } }));
    expect(await new Promise<number>((r) => one.agent.getIdentities((_e, k) => r(k!.length)))).toBe(1);
    await expect(vault.acquire(hop({ ssoSessionId: 'z', source: { kind: 'agent', fingerprint: 'SHA256:' + 'A'.repeat(43) } }))).rejects.toThrow(/does not hold the key SHA256:A+ \(it holds SHA256:/);

    vault.wipe(all.info.id, 'forgotten');
    expect(await signError(all.agent)).toMatch(/forgotten/);
    await expect(new KeyVaultService({ aws: s.aws, settings: () => s.settings, env: {} }).acquire(hop({ source: { kind: 'agent' } }))).rejects.toThrow(/SSH_AUTH_SOCK is not set/);
  });
});
