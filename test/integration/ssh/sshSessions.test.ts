// The product's SSH connect path against the whole emulator, on both SSH back-ends (the embedded
// ssh2 hosts and real OpenSSH): a terminal tab through the production bastion (Parameter Store key
// + TOTP by keyboard-interactive) to a host without the SSM agent; SSH over Session Manager; and
// the refusals: a wrong TOTP code, a changed host key. ~/.ssh/config is the fleet's rendered config
// in a temporary HOME, so the product reaches the loopback hosts the standard way.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveEd25519KeyPair } from '../../../emulator/keyMaterial';
import { totpCode } from '../../../emulator/ssh/totp';
import type { StreamEnd } from '../../../common/api/contract';
import type { TerminalPrompt, TerminalSummary } from '../../../common/api/sessions';
import { RecordingHistory } from '../../../main/sessions/recording/recordingHistory';
import { TerminalService } from '../../../main/sessions/terminalService';
import { createSshServices, type SshServices } from '../../../main/ssh';
import { sshTerminalOpener } from '../../../main/ssh/terminalOpener';
import type { HostKeyQuestion, KeyboardInteractiveQuestion, SshKeyProvider, SshPrompter } from '../../../main/ssh/types';
import { KEY_PARAMETERS } from './parameterStoreKeys';
import { createKeyVault, type KeyVaultService } from '../../../main/ssh/keys';
import { DEFAULT_SETTINGS } from '../../../common/api/settings';
import { DEV, DEV_BASTION, PROD, PROD_BASTION, REGION, useSshWorld } from './sshWorld';

const PROD_NO_AGENT = 'i-0a11111111111111d'; // reachable only through the bastion
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
describe.each(['embedded', 'openssh'] as const)('SSH sessions (%s back-end)', (backend) => {
  const world = useSshWorld(backend);

  // The product's key vault: Parameter Store at the default path, handed to ssh2 as its agent.
  let keys: SshKeyProvider;
  let vault: KeyVaultService;

  beforeAll(() => {
    const w = world.current;
    if (!w) return;
    ({ vault, provider: keys } = createKeyVault({ credentials: w.credentials, settings: () => DEFAULT_SETTINGS.sshKeys, ssoSessionEnd: () => undefined, env: {} }));
  });

  const started = (ctx: { skip: (note?: string) => void }) => world.started(ctx).emu;
  const fleet = () => world.started().fleet;
  const summaryOf = (id: string) => world.started().summaryOf(id);

  function services(storeDir = world.started().configDir): SshServices {
    return createSshServices({ configDir: storeDir, env: { HOME: world.started().home }, credentials: world.started().credentials, keys });
  }

  /** A prompter that records what it was asked and answers as told. */
  function prompter(answers: { hostKey?: boolean; code?: () => string }) {
    const hostKeys: HostKeyQuestion[] = [];
    const rounds: KeyboardInteractiveQuestion[] = [];
    const p: SshPrompter = {
      confirmHostKey: async (q) => (hostKeys.push(q), answers.hostKey ?? true),
      keyboardInteractive: async (q) => (rounds.push(q), answers.code ? q.prompts.map(() => answers.code!()) : undefined),
    };
    return { p, hostKeys, rounds };
  }

  it('opens a terminal tab through the bastion with Parameter Store keys and a TOTP code, to a host without the agent', async (ctx) => {
    const { emu: e, configDir, credentials } = world.started(ctx);
    const ssh = services();
    const history = new RecordingHistory({ dir: join(configDir, 'recordings') });
    const terminals = new TerminalService({
      credentials,
      ssh: sshTerminalOpener({ ssh: ssh.sessions, lookup: (_s, id) => summaryOf(id) }),
      record: ({ input, identity, shell }) => history.record(shell, { identity, accountId: input.accountId, roleName: input.roleName, instanceId: input.instanceId, ...(input.reason ? { reason: input.reason } : {}) }, { cols: input.cols, rows: input.rows }),
    });
    const changes: TerminalSummary[] = [];
    terminals.onDidChange((s) => changes.push(s));
    const { meta, source } = terminals.openSsh({ ssoSessionId: 'acme', accountId: PROD, roleName: 'ProductionOperator', region: REGION, instanceId: PROD_NO_AGENT, via: 'bastion', reason: 'INC-9 batch stuck', cols: 100, rows: 30 });
    expect(meta).toMatchObject({ kind: 'ssh', state: 'connecting', instanceId: PROD_NO_AGENT });
    let text = '';
    source.onData((c) => (text += Buffer.from(c).toString()));
    const ended = new Promise<StreamEnd>((r) => source.onEnd(r));

    // The tab is asked, in order: the bastion's host key, its TOTP code (masked), the target's host key.
    const asked: TerminalPrompt[] = [];
    const answerNext = async (answer: (p: TerminalPrompt) => { accept: boolean; responses?: string[] }) => {
      await expect.poll(() => terminals.list()[0]?.prompt?.promptId !== asked.at(-1)?.promptId && terminals.list()[0]?.prompt, { timeout: 10_000 }).toBeTruthy();
      const p = terminals.list()[0]!.prompt!;
      asked.push(p);
      const a = answer(p);
      terminals.answerPrompt(meta.terminalId, p.promptId, a.accept, a.responses);
    };
    await answerNext(() => ({ accept: true }));
    await answerNext(() => ({ accept: true, responses: [totpCode(TOTP_SECRET, e.clock.now())] }));
    await answerNext(() => ({ accept: true }));
    expect(asked.map((p) => p.kind)).toEqual(['host-key', 'keyboard-interactive', 'host-key']);
    expect(asked[0]).toMatchObject({ host: `prod-bastion (${PROD_BASTION})`, hostKeyName: PROD_BASTION, fingerprint: fleet().hostFor(PROD_BASTION)!.hostKeyFingerprint });
    expect(asked[1]).toMatchObject({ host: `prod-bastion (${PROD_BASTION})`, prompts: [{ echo: false }] });
    expect(asked[2]).toMatchObject({ hostKeyName: PROD_NO_AGENT, fingerprint: fleet().hostFor(PROD_NO_AGENT)!.hostKeyFingerprint });

    await expect.poll(() => terminals.list()[0]?.state, { timeout: 10_000 }).toBe('live');
    expect(terminals.list()[0]).toMatchObject({ via: `prod-bastion (${PROD_BASTION})`, osUser: 'ec2-user' });
    expect(terminals.list()[0]?.prompt).toBeUndefined();
    await expect.poll(() => text, { timeout: 10_000 }).toMatch(/prod-legacy-batch/);
    // No agent is forwarded, and the shell has the tab's size; then resize like a tab does.
    source.write(Buffer.from('echo "agent=${SSH_AUTH_SOCK:-none}"; stty size\r'));
    await expect.poll(() => text, { timeout: 10_000 }).toMatch(/agent=none\r?\n30 100/);
    terminals.resize(meta.terminalId, 132, 40);
    source.write(Buffer.from('stty size; exit 3\r'));
    expect(await ended).toEqual({ reason: 'exit', exitCode: 3 });
    expect(text).toMatch(/40 132/);
    expect(terminals.list()[0]).toMatchObject({ state: 'ended', exitCode: 3 });
    expect(changes.some((c) => c.state === 'connecting' && c.prompt?.kind === 'keyboard-interactive')).toBe(true);
    // Recorded like any production shell: from the first byte, with who, why and the exit code.
    await expect.poll(async () => (await history.list())[0]?.complete, { timeout: 5_000 }).toBe(true);
    const [entry] = await history.list();
    expect(entry).toMatchObject({ identity: `ec2-user@prod-bastion (${PROD_BASTION})`, reason: 'INC-9 batch stuck', exitCode: 3 });
    const replay = await history.read(entry!.name);
    expect(replay.events.filter((ev) => ev[1] === 'o').map((ev) => ev[2]).join('')).toMatch(/^[\s\S]*prod-legacy-batch[\s\S]*agent=none/);
    // Each hop got its own Parameter Store key from the vault; the TOTP code was never put in a summary.
    expect(vault.list().keys.map((k) => [k.source, k.label, k.hosts.map((h) => h.instanceId)])).toEqual(
      expect.arrayContaining([
        ['parameter-store', KEY_PARAMETERS[PROD_BASTION], [PROD_BASTION]],
        ['parameter-store', KEY_PARAMETERS[PROD_NO_AGENT], [PROD_NO_AGENT]],
      ]),
    );
    expect(JSON.stringify(changes)).not.toContain(totpCode(TOTP_SECRET, e.clock.now()));

    const logins = e.ssh!.logins().filter((r) => r.success);
    expect(logins).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ hostInstanceId: PROD_BASTION, methods: ['publickey:authorized-key', 'keyboard-interactive'] }),
        expect.objectContaining({ hostInstanceId: PROD_NO_AGENT, methods: ['publickey:authorized-key'] }),
      ]),
    );
    // Both host keys are now in Fumidai's own store (0600), so the next login asks only for the code.
    expect(statSync(ssh.hostKeys.file).mode & 0o777).toBe(0o600);
    expect((await ssh.hostKeys.list()).map((k) => k.name).sort()).toEqual([PROD_BASTION, PROD_NO_AGENT].sort());
    const again = prompter({ code: () => totpCode(TOTP_SECRET, e.clock.now()) });
    const conn = await ssh.sessions.connect({ access: { ssoSessionId: 'acme', accountId: PROD, roleName: 'ProductionOperator', region: REGION }, target: summaryOf(PROD_NO_AGENT), via: { kind: 'bastion', bastion: summaryOf(PROD_BASTION) } }, again.p);
    conn.chain.close();
    expect(again.hostKeys).toEqual([]);
    expect(again.rounds).toHaveLength(1);
  });

  it('refuses a wrong TOTP code with a clear message and opens no session', async (ctx) => {
    const e = started(ctx);
    const ssh = services();
    const right = totpCode(TOTP_SECRET, e.clock.now());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    const p = prompter({ code: () => wrong });
    const before = e.ssh!.logins().filter((r) => r.hostInstanceId === PROD_NO_AGENT).length;
    const failedBefore = e.ssh!.logins().filter((r) => r.hostInstanceId === PROD_BASTION && !r.success).length;
    await expect(
      ssh.sessions.openShell({ access: { ssoSessionId: 'acme', accountId: PROD, roleName: 'ProductionOperator', region: REGION }, target: summaryOf(PROD_NO_AGENT), via: { kind: 'bastion', bastion: summaryOf(PROD_BASTION) } }, p.p, { cols: 80, rows: 24 }),
    ).rejects.toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/prod-bastion .* did not accept the answer .* verification code.*No session was opened/s) });
    expect(p.rounds.length).toBeGreaterThanOrEqual(1);
    // The target was never reached.
    expect(e.ssh!.logins().filter((r) => r.hostInstanceId === PROD_NO_AGENT)).toHaveLength(before);
    // The bastion logged the refused attempt (the key passed, the code did not).
    await expect.poll(() => e.ssh!.logins().filter((r) => r.hostInstanceId === PROD_BASTION && !r.success).length, { timeout: 5_000 }).toBeGreaterThan(failedBefore);
  });

  it('says the key was refused, without asking for a code, when the bastion does not accept it', async (ctx) => {
    const { emu: e, configDir, home, credentials } = world.started(ctx);
    const wrongKeys: SshKeyProvider = { keyFor: (hop, access, context) => keys.keyFor({ ...hop, instance: { ...hop.instance!, instanceId: PROD_NO_AGENT, name: 'prod-legacy-batch' } }, access, context) };
    const ssh = createSshServices({ configDir, env: { HOME: home }, credentials, keys: wrongKeys });
    const p = prompter({ code: () => totpCode(TOTP_SECRET, e.clock.now()) });
    await expect(
      ssh.sessions.connect({ access: { ssoSessionId: 'acme', accountId: PROD, roleName: 'ProductionOperator', region: REGION }, target: summaryOf(PROD_BASTION), via: { kind: 'direct' } }, p.p),
    ).rejects.toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/prod-bastion .* refused the Parameter Store \/fumidai\/keys\/production\/legacy-batch key for ec2-user.*No session was opened/s) });
    expect(p.rounds).toEqual([]);
  });

  it('blocks a changed host key (in ~/.ssh/known_hosts or in Fumidai’s store) without asking, and says how to clear it', async (ctx) => {
    const { emu: e, home } = world.started(ctx);
    const stranger = deriveEd25519KeyPair(`test:stranger:${backend}`, 'stranger').publicKeyOpenSsh.split(' ').slice(0, 2).join(' ');
    const access = { ssoSessionId: 'acme', accountId: PROD, roleName: 'ProductionOperator', region: REGION };
    const before = e.ssh!.logins().length;

    writeFileSync(join(home, '.ssh', 'known_hosts'), `# pinned\n${PROD_BASTION} ${stranger}\n`);
    const p = prompter({ code: () => totpCode(TOTP_SECRET, e.clock.now()) });
    const fresh = mkdtempSync(join(tmpdir(), 'ssh-store-'));
    try {
      await expect(ssh(fresh).sessions.connect({ access, target: summaryOf(PROD_NO_AGENT), via: { kind: 'bastion', bastion: summaryOf(PROD_BASTION) } }, p.p)).rejects.toMatchObject({
        code: 'HostKeyMismatch',
        message: expect.stringMatching(new RegExp(`host key of prod-bastion .* has CHANGED.*presented: ${escape(fleet().hostFor(PROD_BASTION)!.hostKeyFingerprint)}.*blocked.*ssh-keygen -R '${PROD_BASTION}'.*line 2`, 's')),
      });
      expect(p.hostKeys).toEqual([]);
      expect(p.rounds).toEqual([]);
    } finally {
      rmSync(join(home, '.ssh', 'known_hosts'), { force: true });
    }

    // The same in Fumidai's own store: the way out is forgetting it there, deliberately.
    const svc = ssh(fresh);
    await svc.hostKeys.trust(PROD_BASTION, Buffer.from(stranger.split(' ')[1]!, 'base64'));
    await expect(svc.sessions.connect({ access, target: summaryOf(PROD_NO_AGENT), via: { kind: 'bastion', bastion: summaryOf(PROD_BASTION) } }, p.p)).rejects.toMatchObject({
      code: 'HostKeyMismatch',
      message: expect.stringMatching(/Settings → SSH host keys .*fumidai ssh --forget-host-key i-0a11111111111111c/),
    });
    // Nobody logged in anywhere: the key exchange stopped before authentication.
    expect(e.ssh!.logins().slice(before).filter((r) => r.success || r.methods.length > 0)).toEqual([]);
    expect(await svc.hostKeys.forget(PROD_BASTION)).toBe(1);
    rmSync(fresh, { recursive: true, force: true });

    function ssh(dir: string) {
      return services(dir);
    }
  });

  it('carries SSH over Session Manager (AWS-StartSSHSession) to an instance’s own SSH server', async (ctx) => {
    const e = started(ctx);
    const ssh = services();
    const p = prompter({});
    const conn = await ssh.sessions.openShell(
      { access: { ssoSessionId: 'acme', accountId: DEV, roleName: 'AdministratorAccess', region: REGION }, target: summaryOf(DEV_BASTION), via: { kind: 'ssm' }, reason: 'ssh over ssm' },
      p.p,
      { cols: 80, rows: 24 },
    );
    expect(conn.plan.transport).toBe('ssm');
    expect(conn.awsSessionId).toMatch(/.+-[0-9a-f]+$/);
    expect(p.hostKeys).toEqual([expect.objectContaining({ hostKeyName: DEV_BASTION, fingerprint: fleet().hostFor(DEV_BASTION)!.hostKeyFingerprint })]);
    let text = '';
    conn.shell.onDidOutput((b) => (text += b.toString()));
    const ended = new Promise<number | undefined>((r) => conn.shell.onDidEnd((end) => r(end.exitCode)));
    conn.shell.resume();
    conn.shell.write('echo "over-ssm-as-$USER"; exit 4\r');
    expect(await ended).toBe(4);
    expect(text).toContain('over-ssm-as-ec2-user');
    const startEvent = e.events().find((ev) => ev.eventName === 'StartSession' && JSON.stringify(ev).includes(conn.awsSessionId!));
    expect(JSON.stringify(startEvent)).toContain('AWS-StartSSHSession');
  });

  it('writes no key material into the config directory or the HOME it read', async (ctx) => {
    const { configDir, home, credentials } = world.started(ctx);
    const keyLines = await Promise.all(Object.values(KEY_PARAMETERS).map(async (name) => {
      const out = await new SSMClient({ region: REGION, credentials: credentials.provider('acme', name.includes('production') ? PROD : DEV, name.includes('production') ? 'ProductionOperator' : 'AdministratorAccess') }).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      return out.Parameter!.Value!.split('\n').filter((l) => l && !l.startsWith('-----'))[0]!;
    }));
    for (const dir of [configDir, home]) {
      for (const file of walk(dir)) {
        const text = readText(file);
        for (const k of keyLines) expect(text.includes(k), `${file} holds key material`).toBe(false);
      }
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

function readText(file: string): string {
  return statSync(file).size > 5_000_000 ? '' : readFileSync(file, 'utf8');
}
