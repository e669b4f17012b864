// `fumidai ssh` against the emulator's SSH hosts: through the production bastion with its
// Parameter Store key, the host keys confirmed with a typed "yes" and the TOTP code read without
// echo on the terminal, a command in the remote shell and its exit code as the command's; then
// Fumidai's trusted host keys listed and one forgotten; and the usage mistakes it explains.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../emulator/ssh/totp';
import { sshCommand, type SshCommandDeps } from '../../../main/cli/commands/ssh';
import type { CliServices } from '../../../main/cli/services';
import type { TerminalIo } from '../../../main/cli/terminal/terminalIo';
import { createSshServices } from '../../../main/ssh';
import { captureIo } from '../ssm-client/helpers/cliWiring';
import { parameterStoreKeys } from './parameterStoreKeys';
import { PROD, PROD_BASTION as BASTION, REGION, useSshWorld } from './sshWorld';

const TARGET = 'i-0a11111111111111d';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const who = ['--account', PROD, '--role', 'ProductionOperator', '--region', REGION];

const world = useSshWorld('embedded');

function services() {
  const svc = {
    auth: { reload: async () => ({ sessions: [{ id: 'acme', name: 'acme', region: 'ap-northeast-1', state: 'signed-in' }] }) },
    accounts: { loadAll: async () => ({ accounts: [{ accountId: PROD, environment: 'production' }] }) },
    credentials: world.started().credentials,
    dispose: async () => {},
  } as unknown as CliServices;
  return async () => svc;
}

function deps(term?: TerminalIo): SshCommandDeps {
  return {
    ...(term ? { terminal: () => term } : {}),
    sshServices: (svc, _env) => createSshServices({ configDir: world.started().configDir, env: { HOME: world.started().home }, credentials: svc.credentials, keys: parameterStoreKeys(() => svc.credentials) }),
  };
}

/** A terminal without a TTY: what the command prints, and a way to answer its questions. */
function pipeTerminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  let notices = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  const term: TerminalIo = { input, output, notice: (t) => void (notices += t) };
  return { term, input, text: () => text, notices: () => notices };
}

describe('fumidai ssh', () => {
  it('goes through the bastion: host keys confirmed with "yes", the TOTP code unechoed, the remote exit code as its own', async () => {
    const t = pipeTerminal();
    const c = captureIo();
    const run = sshCommand(services(), deps(t.term)).run([TARGET, '--via', BASTION, ...who], c.io);
    const answered = async (question: RegExp, count: number, answer: string) => {
      await expect.poll(() => (t.notices().match(new RegExp(question, 'g')) ?? []).length, { timeout: 15_000 }).toBe(count);
      t.input.write(`${answer}\n`);
    };
    await answered(/continue connecting \(yes\/no\)\? /, 1, 'yes');
    expect(t.notices()).toContain(`The authenticity of host 'prod-bastion (${BASTION})' can't be established.`);
    expect(t.notices()).toContain(world.started().fleet.hostFor(BASTION)!.hostKeyFingerprint);
    const code = totpCode(TOTP_SECRET, world.started().emu.clock.now());
    await answered(/Verification code: /, 1, code);
    await answered(/continue connecting \(yes\/no\)\? /, 2, 'yes');
    await expect.poll(() => t.text(), { timeout: 15_000 }).toMatch(/prod-legacy-batch/);
    t.input.write('echo "cli-ok $USER"; exit 5\n');
    expect(await run).toBe(5);
    expect(t.text()).toContain('cli-ok ec2-user');
    expect(t.notices()).not.toContain(code);
    expect(t.notices()).toContain(`Connection to prod-legacy-batch (${TARGET}) closed.`);
  });

  it('takes the Name tags of the host and the bastion (looked up in the account), as people call them', async () => {
    const t = pipeTerminal();
    const run = sshCommand(services(), deps(t.term)).run(['prod-legacy-batch', '--via', 'prod-bastion', ...who], captureIo().io);
    await expect.poll(() => t.notices(), { timeout: 15_000 }).toMatch(/Verification code: /);
    expect(t.notices()).toContain(`prod-legacy-batch is ${TARGET}.`);
    expect(t.notices()).toContain(`prod-bastion is ${BASTION}.`);
    t.input.write(`${totpCode(TOTP_SECRET, world.started().emu.clock.now())}\n`);
    await expect.poll(() => t.text(), { timeout: 15_000 }).toMatch(/prod-legacy-batch/);
    t.input.write('exit 3\n');
    expect(await run).toBe(3);
  });

  it('says when no instance has the name Session Manager needs', async () => {
    const t = pipeTerminal();
    await expect(sshCommand(services(), deps(t.term)).run(['no-such-host', '--via', 'ssm', ...who], captureIo().io)).rejects.toThrow(
      `No instance is named 'no-such-host' in account ${PROD}, region ${REGION}.`,
    );
  });

  it('lists the host keys trusted in Fumidai and forgets one on purpose', async () => {
    const list = captureIo();
    expect(await sshCommand(services(), deps()).run(['--host-keys'], list.io)).toBe(0);
    expect(list.stdout()).toMatch(new RegExp(`^${BASTION}\\tssh-ed25519\\tSHA256:`, 'm'));
    expect(list.stdout()).toMatch(new RegExp(`^${TARGET}\\t`, 'm'));
    const forget = captureIo();
    expect(await sshCommand(services(), deps()).run(['--forget-host-key', TARGET], forget.io)).toBe(0);
    expect(forget.stdout()).toMatch(/Removed 1 host key for i-0a11111111111111d; the next connection .* asks again/);
    const again = captureIo();
    expect(await sshCommand(services(), deps()).run(['--forget-host-key', TARGET], again.io)).toBe(1);
    expect(again.stderr()).toMatch(/trusts no host key for 'i-0a11111111111111d'.*ssh-keygen -R/);
  });

  it('refuses the connection when the host key is not accepted', async () => {
    const t = pipeTerminal();
    const c = captureIo();
    const run = sshCommand(services(), deps(t.term)).run([TARGET, '--via', BASTION, ...who], c.io);
    await expect.poll(() => t.notices(), { timeout: 15_000 }).toMatch(/Verification code: /);
    t.input.write(`${totpCode(TOTP_SECRET, world.started().emu.clock.now())}\n`);
    await expect.poll(() => t.notices(), { timeout: 15_000 }).toMatch(/continue connecting \(yes\/no\)\? /);
    t.input.write('no\n');
    expect(await run).toBe(1);
    expect(c.stderr()).toMatch(/host key of prod-legacy-batch .* was not accepted, so no connection was made/);
  });

  it('explains usage mistakes with exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /give the host/],
      [['a', 'b'], /one target at a time/],
      [[TARGET], /'i-0a11111111111111d' is an instance id: give --account and --role/],
      [['web.example.com', '--via', 'ssm'], /--via ssm needs an instance id/],
      [[TARGET, ...who.slice(0, 4), '--region', 'mars'], /'mars' is not a region name/],
      [[TARGET, '--user', 'Bad User', ...who], /'Bad User' is not an OS user name/],
      [[TARGET, '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const c = captureIo();
      expect(await sshCommand(services(), deps()).run(args, c.io), args.join(' ')).toBe(2);
      expect(c.stderr()).toMatch(message);
    }
  });
});
