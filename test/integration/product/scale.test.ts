// 200 accounts through the real portal API with throttling injected: every account's roles
// arrive, with progress, thanks to bounded concurrency and jittered backoff. And the AWS SDK's
// own credential provider uses the token Fumidai cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startEmulator, type Emulator } from '../../../emulator';
import { generateLargeOrg } from '../../../emulator/fixture/generate';
import { AuthService } from '../../../main/auth/authService';
import { createOidcApi } from '../../../main/auth/oidc';
import { createPortalApi } from '../../../main/auth/portal';
import { createAwsFiles } from '../../../main/aws/defaults';
import { AccountsService } from '../../../main/accounts/accountsService';
import { FavoritesStore } from '../../../main/accounts/favoritesStore';
import { approveDeviceCode } from '../../helpers/emulatorSignIn';
import type { AccountsSnapshot } from '../../../common/api/accounts';

let emu: Emulator;
let home: string;
const saved = { ...process.env };

beforeAll(async () => {
  emu = await startEmulator({ fixture: generateLargeOrg({ accounts: 200, instancesPerRegion: 1, pageSizes: { accounts: 20, roles: 1 } }) });
  home = mkdtempSync(join(tmpdir(), 'fumidai-scale-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), `[sso-session big]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n\n[profile team0]\nsso_session = big\nsso_account_id = 100000000000\nsso_role_name = ReadOnly\nregion = ${emu.region}\n`);
  Object.assign(process.env, { AWS_ENDPOINT_URL: emu.endpoint, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
});
afterAll(async () => {
  process.env = saved;
  await emu.close();
  rmSync(home, { recursive: true, force: true });
});

describe('at scale', () => {
  it('lists 200 accounts with progress while 20% of portal calls are throttled', async () => {
    const files = createAwsFiles(process.env, join(home, 'fumidai'));
    const portal = createPortalApi(emu.region);
    const auth = new AuthService({
      sessions: files.sessions,
      tokens: files.tokens,
      oidc: (r) => createOidcApi(r),
      portal: () => portal,
      oidcEndpoint: () => emu.endpoint,
      openBrowser: async (url) => void (await approveDeviceCode(emu.endpoint, new URL(url).searchParams.get('user_code')!)),
    });
    await auth.reload();
    await auth.signIn('big', 'device');
    await auth.waitForSignIn('big');

    emu.setFaults({ throttleRate: 0.2, services: ['sso'], seed: 7 });
    const accounts = new AccountsService({ cacheDir: join(home, 'cache'), accessToken: (id) => auth.accessToken(id), portalFor: () => portal, favorites: FavoritesStore.inDirectory(home), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
    const progress: number[] = [];
    accounts.onDidChange((s: AccountsSnapshot) => s.progress && progress.push(s.progress.done));
    const snap = await accounts.loadAll('big');
    emu.setFaults({});
    expect(snap.accounts).toHaveLength(200);
    expect(snap.accounts.every((a) => a.roles.length === 2 && !a.error)).toBe(true);
    expect(snap.accounts.filter((a) => a.environment === 'production')).toHaveLength(50);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(200);

    // The SDK's own SSO credential provider works from the token Fumidai wrote.
    const sts = new STSClient({ region: emu.region, credentials: fromSSO({ profile: 'team0', ignoreCache: true } as never) });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('100000000000');
  }, 60_000);
});
