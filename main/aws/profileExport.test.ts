import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OWNED_MARKER, exportProfilesToFile, profileNameFor, renderProfiles, stripOwnedSections } from './profileExport';
import { readAwsConfigSessions } from './ssoConfig';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'fumidai-export-'));
  dirs.push(d);
  return d;
};

const USER_FILE = [
  '# company defaults — keep me',
  '[default]',
  'region   =   ap-northeast-1   ',
  'output=json',
  '',
  ';  another tool wrote this',
  '[profile acme-dev-readonly]',
  'credential_process = /usr/local/bin/helper --x',
  'unknown_key = stays',
  '',
  '[sso-session acme]',
  'sso_start_url = https://d-1234567890.awsapps.com/start',
  'sso_region = ap-northeast-1',
  '',
  '[services local]',
  'ssm =',
  '  endpoint_url = http://127.0.0.1:4599',
  '',
].join('\r\n');

const INPUT = {
  sessionName: 'acme',
  region: 'ap-northeast-1',
  accounts: [
    { accountId: '333333333333', accountName: 'acme-dev', roles: ['ReadOnly', 'Developer'] },
    { accountId: '111111111111', accountName: 'acme-prod', roles: ['ProductionOperator'] },
  ],
};

describe('profile export', () => {
  it('names profiles safely', () => {
    expect(profileNameFor('Acme Prod (JP)', 'AdministratorAccess')).toBe('acme-prod-jp-administratoraccess');
  });

  it('keeps every byte of the user’s sections (comments, spacing, CRLF, unknown keys) and avoids their names', () => {
    const { text, profiles } = renderProfiles(USER_FILE, INPUT);
    expect(profiles).toBe(3);
    expect(text.startsWith(USER_FILE)).toBe(true);
    expect(text).toContain(`${OWNED_MARKER}\r\n[profile acme-dev-readonly-333333333333]\r\nsso_session = acme\r\nsso_account_id = 333333333333\r\nsso_role_name = ReadOnly\r\nregion = ap-northeast-1`);
    expect(text).toContain('[profile acme-prod-productionoperator]');
    // One blank line separates the user's part from ours; re-exporting never grows the file.
    expect(stripOwnedSections(text)).toBe(`${USER_FILE}\r\n`);
    expect(renderProfiles(text, INPUT).text).toBe(text);
  });

  it('re-export replaces only its own sections, writes atomically with a backup, and the result parses', async () => {
    const dir = tmp();
    const path = join(dir, 'config');
    writeFileSync(path, USER_FILE, { mode: 0o644 });
    await exportProfilesToFile(path, INPUT, () => 1);
    const second = await exportProfilesToFile(path, { ...INPUT, accounts: [INPUT.accounts[1]!] }, () => 2);
    const text = readFileSync(path, 'utf8');
    expect(second.profiles).toBe(1);
    expect(text.split(OWNED_MARKER)).toHaveLength(2);
    expect(text.startsWith(USER_FILE)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('fumidai-backup'))).toHaveLength(2);
    const { sessions, problems } = await readAwsConfigSessions({ AWS_CONFIG_FILE: path });
    expect(problems).toEqual([]);
    expect(sessions.map((s) => s.name)).toEqual(['acme']);
  });

  it('never writes a malformed file and names the line', async () => {
    const dir = tmp();
    const path = join(dir, 'config');
    const broken = '[default]\nregion = x\n[profile oops\nkey = v\n';
    writeFileSync(path, broken);
    await expect(exportProfilesToFile(path, INPUT)).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringContaining('line 3') });
    expect(readFileSync(path, 'utf8')).toBe(broken);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('creates the file when there is none', async () => {
    const path = join(tmp(), 'config');
    const r = await exportProfilesToFile(path, INPUT);
    expect(r.backupPath).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toMatch(/^# managed by Fumidai/);
  });
});
