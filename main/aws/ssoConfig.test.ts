import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIni } from './iniFile';
import { createSessionSource, readAwsConfigSessions, validateSsoSession } from './ssoConfig';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp() {
  const d = mkdtempSync(join(tmpdir(), 'fumidai-awscfg-'));
  dirs.push(d);
  return d;
}

const CONFIG = [
  '# my config',
  '[sso-session acme]',
  'sso_start_url = https://d-1234567890.awsapps.com/start',
  'sso_region = ap-northeast-1',
  'sso_registration_scopes = sso:account:access',
  '',
  '[profile dev]',
  'sso_session = acme',
  'sso_account_id = 111122223333',
  '',
  '[profile legacy]',
  'sso_start_url = https://d-9999999999.awsapps.com/start',
  'sso_region = us-east-1',
  '',
  '[profile broken]',
  'sso_session = nope',
  '',
  '[services local]',
  'ssm =',
  '  endpoint_url = http://127.0.0.1:4599',
  '',
  '[default]',
  'region = eu-west-1',
].join('\r\n');

describe('parseIni', () => {
  it('reads sections, values, nested blocks and CRLF files', () => {
    const doc = parseIni(CONFIG);
    expect(doc.problems).toEqual([]);
    expect(doc.sections.map((s) => s.name)).toEqual(['sso-session acme', 'profile dev', 'profile legacy', 'profile broken', 'services local', 'default']);
    expect(doc.sections[4]!.nested.get('ssm')?.get('endpoint_url')).toBe('http://127.0.0.1:4599');
  });

  it('reports bad lines with their numbers and keeps going', () => {
    const doc = parseIni('region = x\n[profile a\n[profile b]\nnot a setting\nkey = v\n[profile b]\n');
    expect(doc.problems).toEqual([
      { line: 1, message: 'setting outside of any [section]', code: 'outside-section', params: {} },
      { line: 2, message: 'section header is missing its closing ]', code: 'unclosed-section', params: {} },
      { line: 4, message: 'expected "key = value"', code: 'expected-key-value', params: {} },
      { line: 6, message: 'duplicate section [profile b] (the first one is used)', code: 'duplicate-section', params: { section: 'profile b' } },
    ]);
    expect(doc.sections[0]!.values.get('key')).toBe('v');
  });
});

describe('readAwsConfigSessions', () => {
  it('finds sso-sessions and legacy profiles and names problems by line', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'config'), CONFIG);
    const { sessions, problems } = await readAwsConfigSessions({ AWS_CONFIG_FILE: join(dir, 'config') });
    expect(sessions).toEqual([
      { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'ap-northeast-1', scopes: ['sso:account:access'], source: 'sso-session' },
      { name: 'legacy', startUrl: 'https://d-9999999999.awsapps.com/start', region: 'us-east-1', scopes: [], source: 'legacy-profile', legacyProfile: 'legacy' },
    ]);
    expect(problems).toEqual([
      { path: join(dir, 'config'), line: 15, code: 'unknown-session', params: { profile: 'broken', session: 'nope' }, message: `${join(dir, 'config')} line 15: profile broken refers to [sso-session nope], which does not exist` },
    ]);
  });

  it('treats a missing file as no sessions', async () => {
    expect(await readAwsConfigSessions({ AWS_CONFIG_FILE: join(tmp(), 'none') })).toEqual({ sessions: [], problems: [] });
  });
});

describe('sessions added in the app', () => {
  it('validates and stores them next to the config ones', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'config'), CONFIG);
    const source = createSessionSource({ AWS_CONFIG_FILE: join(dir, 'config') }, dir);
    await source.add({ name: 'other', startUrl: 'd-5555555555.awsapps.com/start', region: 'eu-central-1', scopes: ['sso:account:access'], writeToAwsConfig: false });
    const { sessions } = await source.list();
    expect(sessions.map((s) => `${s.name}:${s.source}`)).toEqual(['acme:sso-session', 'legacy:legacy-profile', 'other:app']);
    expect(sessions[2]!.startUrl).toBe('https://d-5555555555.awsapps.com/start');
    await expect(source.add({ name: 'acme', startUrl: 'https://x.awsapps.com/start', region: 'us-east-1', scopes: [], writeToAwsConfig: false })).rejects.toMatchObject({ code: 'Conflict' });
  });

  it('writes a first-run session into ~/.aws/config when asked, so the AWS CLI sees it too', async () => {
    const dir = tmp();
    const path = join(dir, 'config');
    writeFileSync(path, CONFIG);
    const source = createSessionSource({ AWS_CONFIG_FILE: path }, dir);
    const added = await source.add({ name: 'work', startUrl: 'https://d-5555555555.awsapps.com/start/', region: 'eu-central-1', scopes: ['sso:account:access'], writeToAwsConfig: true });
    expect(added).toMatchObject({ name: 'work', source: 'sso-session', startUrl: 'https://d-5555555555.awsapps.com/start' });
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(CONFIG)).toBe(true);
    expect(text.slice(CONFIG.length)).toBe('\r\n\r\n[sso-session work]\r\nsso_start_url = https://d-5555555555.awsapps.com/start\r\nsso_region = eu-central-1\r\nsso_registration_scopes = sso:account:access\r\n');
    expect((await source.list()).sessions.find((s) => s.name === 'work')).toMatchObject({ source: 'sso-session', region: 'eu-central-1' });
    await expect(source.add({ name: 'work', startUrl: 'https://d-5555555555.awsapps.com/start', region: 'eu-central-1', scopes: [], writeToAwsConfig: true })).rejects.toMatchObject({ code: 'Conflict' });
  });

  it('creates ~/.aws/config (mode 0600) when there is none', async () => {
    const dir = tmp();
    const path = join(dir, 'aws', 'config');
    const source = createSessionSource({ AWS_CONFIG_FILE: path }, dir);
    await source.add({ name: 'work', startUrl: 'https://d-5555555555.awsapps.com/start', region: 'us-east-1', scopes: [], writeToAwsConfig: true });
    expect(readFileSync(path, 'utf8')).toBe('[sso-session work]\nsso_start_url = https://d-5555555555.awsapps.com/start\nsso_region = us-east-1\n');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('never writes a config file that has problems', async () => {
    const dir = tmp();
    const path = join(dir, 'config');
    writeFileSync(path, '[profile a]\nregion = us-east-1\n[]\n');
    const source = createSessionSource({ AWS_CONFIG_FILE: path }, dir);
    await expect(source.add({ name: 'work', startUrl: 'https://d-5555555555.awsapps.com/start', region: 'us-east-1', scopes: [], writeToAwsConfig: true })).rejects.toThrow(/line 3: empty section name.*did not change it/);
    expect(readFileSync(path, 'utf8')).toBe('[profile a]\nregion = us-east-1\n[]\n');
  });

  it.each([
    ['ftp://d-1.awsapps.com/start', 'us-east-1', /https/],
    ['https://d-1.awsapps.com/', 'us-east-1', /end in \/start/],
    ['not a url', 'us-east-1', /not a URL/],
    ['https://d-1.awsapps.com/start', 'tokyo', /not an AWS region/],
  ])('explains what is wrong with %s / %s', (url, region, message) => {
    expect(() => validateSsoSession(url, region)).toThrow(message);
  });
});
