// The `fumidai` CLI against the sandbox: login with a device code (approved on the sign-in page),
// status, accounts, credential_process output, profile export, a console link, logout — with the
// exit codes scripts rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import { runCli } from '../../../main/cli/cli';
import { COMMANDS } from '../../../main/cli/commands';
import type { CliIo } from '../../../main/cli/command';
import { approveDeviceCode } from '../../helpers/emulatorSignIn';

let emu: Emulator;
let home: string;
const saved = { ...process.env };

beforeAll(async () => {
  emu = await startEmulator();
  home = mkdtempSync(join(tmpdir(), 'fumidai-cli-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), `# mine\n[default]\nregion = eu-west-1\n\n[sso-session acme]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n`);
  // openBrowser would run xdg-open: point PATH at nothing so it fails quietly (the URL is printed anyway).
  Object.assign(process.env, { AWS_ENDPOINT_URL: emu.endpoint, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), FUMIDAI_CONFIG_DIR: join(home, 'fumidai'), PATH: '/nonexistent' });
});
afterAll(async () => {
  process.env = saved;
  await emu.close();
  rmSync(home, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), env: process.env, interrupted: new Promise(() => {}) };
  const running = runCli(args, COMMANDS, io);
  if (args[0] === 'login') {
    // Approve the code the CLI printed, as the user would in a browser.
    for (let i = 0; i < 200 && !/[A-Z]{4}-[A-Z]{4}/.test(err); i++) await new Promise((r) => setTimeout(r, 25));
    await approveDeviceCode(emu.endpoint, /([A-Z]{4}-[A-Z]{4})/.exec(err)![1]!);
  }
  return { code: await running, out, err };
}

describe('fumidai CLI', () => {
  it('signs in, lists, prints credentials, exports profiles, opens the console, signs out', async () => {
    expect((await cli('status')).code).toBe(3);
    const login = await cli('login', '--device-code');
    expect(login.code).toBe(0);
    expect(login.out).toMatch(/^Signed in to acme/);

    const status = await cli('status');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/acme\s+signed-in\s+\d+m/);

    const accounts = await cli('accounts', '--json');
    expect(JSON.parse(accounts.out).map((a: { accountName: string }) => a.accountName)).toContain('acme-prod');

    const creds = await cli('credentials', '--account', '333333333333', '--role', 'Developer');
    expect(JSON.parse(creds.out)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/), Expiration: expect.stringMatching(/Z$/) });
    expect((await cli('credentials', '--account', '12', '--role', 'X')).code).toBe(2);

    const bastions = await cli('instances', 'tag:Role=bastion');
    expect(bastions.code).toBe(0);
    expect(bastions.out).toMatch(/dev-bastion\s+i-0c33333333333333c\s+acme-dev/);
    expect(bastions.out).not.toContain('dev-app-1');
    const viaBastion = JSON.parse((await cli('instances', '--json', 'route:bastion')).out);
    expect(viaBastion.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['dev-no-agent', 'prod-legacy-batch']));

    const exported = await cli('export-profiles');
    expect(exported.code).toBe(0);
    const config = readFileSync(join(home, '.aws', 'config'), 'utf8');
    expect(config.startsWith('# mine\n[default]\nregion = eu-west-1\n')).toBe(true);
    expect(config).toContain('[profile acme-dev-developer]');

    const consoleLink = await cli('console', '333333333333', 'Developer', '--print');
    expect(consoleLink.out).toMatch(new RegExp(`^${emu.endpoint}/federation\\?Action=login&Issuer=Fumidai&Destination=.+&SigninToken=`));
    const landing = await fetch(consoleLink.out.trim());
    expect(await landing.text()).toContain('Signed in to acme-dev (333333333333) as Developer/alice');

    expect((await cli('logout')).code).toBe(0);
    const after = await cli('credentials', '--account', '333333333333', '--role', 'Developer');
    expect(after.code).toBe(3);
    expect(after.err).toContain('fumidai login --session acme');
  }, 60_000);
});
