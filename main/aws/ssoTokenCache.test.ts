import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { fromSso } from '@aws-sdk/token-providers';
import { SsoTokenCache, formatCliTime, registrationCacheKey } from './ssoTokenCache';
import type { SsoSessionConfig } from '../auth/ports';

const hasBotocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;
if (!hasBotocore) console.log('botocore is not installed: the AWS CLI interop checks did not run');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp() {
  const d = mkdtempSync(join(tmpdir(), 'fumidai-cache-'));
  dirs.push(d);
  return d;
}

const SESSION: SsoSessionConfig = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', scopes: ['sso:account:access'], source: 'sso-session' };
const LEGACY: SsoSessionConfig = { name: 'old', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', scopes: [], source: 'legacy-profile', legacyProfile: 'old' };

describe('SsoTokenCache', () => {
  it('writes the token where and how the AWS CLI does (sha1 of the session name, 0600, CLI time format)', async () => {
    const dir = tmp();
    const cache = new SsoTokenCache(dir);
    const expiresAt = Date.UTC(2026, 10, 22, 10, 1, 58, 123);
    await cache.write(SESSION, { startUrl: SESSION.startUrl, region: 'us-east-1', accessToken: 'at', expiresAt, refreshToken: 'rt', clientId: 'cid', clientSecret: 'cs', registrationExpiresAt: expiresAt });
    const file = join(dir, `${createHash('sha1').update('acme').digest('hex')}.json`);
    expect(cache.tokenFile(SESSION)).toBe(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      startUrl: SESSION.startUrl,
      region: 'us-east-1',
      accessToken: 'at',
      expiresAt: '2026-11-22T10:01:58Z',
      clientId: 'cid',
      clientSecret: 'cs',
      registrationExpiresAt: '2026-11-22T10:01:58Z',
      refreshToken: 'rt',
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await cache.read(SESSION)).toMatchObject({ accessToken: 'at', expiresAt: Math.floor(expiresAt / 1000) * 1000, refreshToken: 'rt' });
    await cache.remove(SESSION);
    expect(await cache.read(SESSION)).toBeUndefined();
  });

  it('reads a file written by the CLI and one rewritten by the JS SDK (millisecond times)', async () => {
    const dir = tmp();
    const cache = new SsoTokenCache(dir);
    const legacyFile = join(dir, `${createHash('sha1').update(LEGACY.startUrl).digest('hex')}.json`);
    writeFileSync(legacyFile, '{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "cli-token", "expiresAt": "2026-11-22T18:00:00Z"}');
    expect(await cache.read(LEGACY)).toMatchObject({ accessToken: 'cli-token', expiresAt: Date.UTC(2026, 10, 22, 18) });
    writeFileSync(cache.tokenFile(SESSION), JSON.stringify({ startUrl: SESSION.startUrl, region: 'us-east-1', accessToken: 'js', expiresAt: '2026-11-22T10:03:35.962Z' }, null, 2));
    expect((await cache.read(SESSION))?.expiresAt).toBe(Date.parse('2026-11-22T10:03:35.962Z'));
  });

  it('keeps a corrupt file untouched and says so', async () => {
    const dir = tmp();
    const cache = new SsoTokenCache(dir);
    writeFileSync(cache.tokenFile(SESSION), '{oops');
    await expect(cache.read(SESSION)).rejects.toThrow(/not valid JSON/);
    expect(readFileSync(cache.tokenFile(SESSION), 'utf8')).toBe('{oops');
  });

  it.runIf(hasBotocore)('names the registration file exactly as Python computes it', () => {
    const py = (s: SsoSessionConfig) =>
      execFileSync('python3', ['-c', 'import json,sys,hashlib; print(hashlib.sha1(json.dumps(json.loads(sys.argv[1]), sort_keys=True).encode()).hexdigest())', JSON.stringify({
        startUrl: s.startUrl, region: s.region, tool: 'botocore',
        scopes: s.source === 'legacy-profile' ? null : s.scopes, session_name: s.source === 'legacy-profile' ? null : s.name,
      })]).toString().trim();
    const cache = new SsoTokenCache('/x');
    expect(cache.registrationFile(SESSION)).toBe(join('/x', `${py(SESSION)}.json`));
    expect(cache.registrationFile(LEGACY)).toBe(join('/x', `${py(LEGACY)}.json`));
    expect(registrationCacheKey(SESSION)).toBe('{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "acme", "startUrl": "https://d-1234567890.awsapps.com/start", "tool": "botocore"}');
  });

  it('does not reuse a device registration for PKCE', async () => {
    const cache = new SsoTokenCache(tmp());
    await cache.writeRegistration(SESSION, 'device', { clientId: 'c', clientSecret: 's', expiresAt: Date.now() + 86400_000, scopes: ['sso:account:access'] });
    expect(await cache.readRegistration(SESSION, 'device')).toMatchObject({ clientId: 'c' });
    expect(await cache.readRegistration(SESSION, 'pkce')).toBeUndefined();
  });

  it('is accepted by the AWS SDK’s own SSO token provider', async () => {
    const home = tmp();
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), `[sso-session acme]\nsso_start_url = ${SESSION.startUrl}\nsso_region = us-east-1\n\n[profile dev]\nsso_session = acme\n`);
    const cache = new SsoTokenCache(join(home, '.aws', 'sso', 'cache'));
    await cache.write(SESSION, { startUrl: SESSION.startUrl, region: 'us-east-1', accessToken: 'from-fumidai', expiresAt: Date.now() + 3600_000 });
    const saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE };
    process.env.HOME = home;
    process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
    try {
      const token = await fromSso({ profile: 'dev', ignoreCache: true } as never)();
      expect(token.token).toBe('from-fumidai');
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.AWS_CONFIG_FILE === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env.AWS_CONFIG_FILE = saved.AWS_CONFIG_FILE;
    }
  });

  it.runIf(hasBotocore)('is accepted by botocore’s SSO token provider (the AWS CLI’s code path)', async () => {
    const home = tmp();
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), `[sso-session acme]\nsso_start_url = ${SESSION.startUrl}\nsso_region = us-east-1\n\n[profile dev]\nsso_session = acme\n`);
    const cache = new SsoTokenCache(join(home, '.aws', 'sso', 'cache'));
    await cache.write(SESSION, { startUrl: SESSION.startUrl, region: 'us-east-1', accessToken: 'for-botocore', expiresAt: Date.now() + 3600_000, refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: Date.now() + 86400_000 });
    const script = 'import botocore.session\nfrom botocore.tokens import SSOTokenProvider\ns = botocore.session.Session(profile="dev")\nprint(SSOTokenProvider(s).load_token().get_frozen_token().token)';
    const out = execFileSync('python3', ['-c', script], { env: { ...process.env, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') } }).toString().trim();
    expect(out).toBe('for-botocore');
  });

  it('formats times like the CLI', () => {
    expect(formatCliTime(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('2026-01-02T03:04:05Z');
  });
});
