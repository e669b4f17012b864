// The product's own services against the emulator with only an endpoint override: sign in
// (device code and PKCE), the token lands in the AWS CLI's cache, accounts load with progress,
// silent refresh before expiry, a shell through StartSession, and sign-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import { AuthService } from '../../../main/auth/authService';
import { createOidcApi } from '../../../main/auth/oidc';
import { createPortalApi } from '../../../main/auth/portal';
import { createAwsFiles } from '../../../main/aws/defaults';
import { AccountsService } from '../../../main/accounts/accountsService';
import { FavoritesStore } from '../../../main/accounts/favoritesStore';
import { RoleCredentialsService } from '../../../main/accounts/roleCredentials';
import { TerminalService } from '../../../main/sessions/terminalService';
import { approveDeviceCode } from '../../helpers/emulatorSignIn';
import type { AccountsSnapshot } from '../../../common/api/accounts';

let emu: Emulator;
let home: string;
const saved = { ...process.env };

beforeAll(async () => {
  emu = await startEmulator();
  home = mkdtempSync(join(tmpdir(), 'fumidai-home-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), `[sso-session acme]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n`);
  // The one switch between real AWS and the sandbox.
  process.env.AWS_ENDPOINT_URL = emu.endpoint;
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
});
afterAll(async () => {
  process.env = saved;
  await emu.close();
  rmSync(home, { recursive: true, force: true });
});

function services(browser: 'device-page' | 'pkce-page') {
  const env = { ...process.env };
  const files = createAwsFiles(env, join(home, 'fumidai'));
  const portal = createPortalApi(emu.region);
  const auth: AuthService = new AuthService({
    sessions: files.sessions,
    tokens: files.tokens,
    oidc: (r) => createOidcApi(r, () => emu.clock.now()),
    portal: () => portal,
    oidcEndpoint: () => emu.endpoint,
    now: () => emu.clock.now(),
    // The "browser": a person approving on the emulator's pages.
    openBrowser: async (url) => {
      if (browser === 'device-page') {
        await approveDeviceCode(emu.endpoint, new URL(url).searchParams.get('user_code')!);
        return;
      }
      const params = new URL(url).searchParams;
      const form = new URLSearchParams({ ...Object.fromEntries(params), username: 'alice', password: 'correct-horse-battery', decision: 'approve' });
      const res = await fetch(`${emu.endpoint}/authorize`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
      await fetch(res.headers.get('location')!); // the browser follows the redirect to our loopback callback
    },
  });
  const favorites = FavoritesStore.inDirectory(join(home, 'fumidai'));
  const credentials = new RoleCredentialsService({ accessToken: (id) => auth.accessToken(id), portalFor: () => portal, now: () => emu.clock.now() });
  const accounts = new AccountsService({ cacheDir: join(home, 'fumidai', 'cache'), accessToken: (id) => auth.accessToken(id), portalFor: () => portal, favorites });
  return { auth, credentials, accounts, favorites, files };
}

describe('Fumidai against the sandbox', () => {
  it('signs in with the device code, writes the CLI token cache, refreshes before expiry, lists accounts, opens a shell, signs out', async () => {
    const { auth, credentials, accounts, files } = services('device-page');
    const snap = await auth.reload();
    expect(snap.sessions.map((s) => s.id)).toEqual(['acme']);
    const started = await auth.signIn('acme', 'device');
    expect(started.pending?.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    const done = await auth.waitForSignIn('acme');
    expect(done).toMatchObject({ state: 'signed-in', canRefresh: true });
    expect(readdirSync(join(home, '.aws', 'sso', 'cache')).length).toBeGreaterThanOrEqual(2); // token + registration

    // Silent refresh inside the 15-minute window, driven by the emulator's clock.
    const before = await auth.accessToken('acme');
    emu.clock.advance(50 * 60_000);
    const after = await auth.accessToken('acme');
    expect(after).not.toBe(before);

    const progress: AccountsSnapshot[] = [];
    accounts.onDidChange((s) => progress.push(s));
    const list = await accounts.loadAll('acme');
    expect(list.accounts.map((a) => `${a.accountName}:${a.environment}`).sort()).toEqual([
      'acme-dev:development',
      'acme-prod:production',
      'acme-stg:staging',
      'log-archive:other',
      'sandbox-alice:sandbox',
      'security:other',
    ]);
    expect(list.accounts.find((a) => a.accountName === 'acme-prod')!.roles).toEqual(['ProductionOperator', 'ReadOnly']);
    expect(progress.some((p) => p.progress && p.progress.done < p.progress.total)).toBe(true);

    // Profiles for every account and role, usable by any AWS tool through the same sign-in.
    const exported = await files.exportProfiles('acme', accounts);
    expect(exported.profiles).toBe(list.accounts.reduce((n, a) => n + a.roles.length, 0));
    const { fromSSO } = await import('@aws-sdk/credential-providers');
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({ region: emu.region, credentials: fromSSO({ profile: 'acme-dev-developer', ignoreCache: true } as never) });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toMatch(/AWSReservedSSO_Developer_/);

    const terminals = new TerminalService({ credentials });
    const { source } = await terminals.openShell({ ssoSessionId: 'acme', accountId: '333333333333', roleName: 'Developer', region: 'ap-northeast-1', instanceId: 'i-0c33333333333333a', cols: 100, rows: 30 });
    let text = '';
    source.onData((c) => (text += Buffer.from(c).toString()));
    const ended = new Promise((r) => source.onEnd(r));
    for (let i = 0; i < 200 && !/\$ $/.test(text); i++) await new Promise((r) => setTimeout(r, 25));
    source.write(Buffer.from('echo $((6*7)); exit 4\r'));
    expect(await ended).toEqual({ reason: 'exit', exitCode: 4 });
    expect(text).toMatch(/[\r\n]42\r\n/);
    expect(text).toContain('ssm-user@');

    await expect(terminals.openShell({ ssoSessionId: 'acme', accountId: '111111111111', roleName: 'ReadOnly', region: 'ap-northeast-1', instanceId: 'i-0a11111111111111a', cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('ssm:StartSession') });
    await expect(terminals.openShell({ ssoSessionId: 'acme', accountId: '111111111111', roleName: 'ProductionOperator', region: 'ap-northeast-1', instanceId: 'i-0a11111111111111f', cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'TargetNotConnected' });

    await auth.signOut('acme');
    expect(auth.summary('acme').state).toBe('signed-out');
    await expect(auth.accessToken('acme')).rejects.toMatchObject({ code: 'SsoExpired' });
  }, 60_000);

  it('signs in with PKCE through the authorization page and the loopback callback', async () => {
    const { auth } = services('pkce-page');
    await auth.reload();
    await auth.signIn('acme', 'pkce');
    expect(await auth.waitForSignIn('acme')).toMatchObject({ state: 'signed-in' });
  });

  it('ends in "sign in again" when the Identity Center session is over', async () => {
    const { auth } = services('device-page');
    await auth.reload();
    await auth.signIn('acme', 'device');
    await auth.waitForSignIn('acme');
    emu.clock.advance(9 * 3600_000); // past the 8-hour session: refresh is refused, token expired
    await expect(auth.accessToken('acme')).rejects.toMatchObject({ code: 'SsoExpired' });
    expect(auth.summary('acme')).toMatchObject({ state: 'expired', canRefresh: false });
  });
});
