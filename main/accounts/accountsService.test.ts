import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsService } from './accountsService';
import { FavoritesStore } from './favoritesStore';
import { RoleCredentialsService } from './roleCredentials';
import { FumidaiError } from '../../common/api/errors';
import type { PortalAccount, PortalApi } from '../auth/ports';
import type { AccountsSnapshot } from '../../common/api/accounts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fakePortal(n: number, opts: { denied?: string; throttleEvery?: number } = {}) {
  const accounts: PortalAccount[] = Array.from({ length: n }, (_, i) => ({
    accountId: String(100000000000 + i),
    accountName: i % 3 === 0 ? `acme-prod-${i}` : `acme-dev-${i}`,
    emailAddress: `aws+${i}@example.com`,
  }));
  let calls = 0;
  const portal: PortalApi = {
    async *listAccounts() {
      for (let i = 0; i < accounts.length; i += 20) yield accounts.slice(i, i + 20);
    },
    async listAccountRoles(_t, accountId) {
      calls++;
      if (opts.throttleEvery && calls % opts.throttleEvery === 0) throw new FumidaiError('Throttled', 'slow down');
      if (accountId === opts.denied) throw new FumidaiError('AccessDenied', 'No access');
      return ['ReadOnly', 'AdministratorAccess'];
    },
    async getRoleCredentials(_t, accountId) {
      return { accessKeyId: `AKIA${accountId}`, secretAccessKey: 'SECRET-KEY', sessionToken: 'SESSION-TOKEN', expiration: Date.now() + 3600_000 };
    },
    async logout() {},
  };
  return { portal, accounts };
}

async function setup(portal: PortalApi) {
  const dir = mkdtempSync(join(tmpdir(), 'fumidai-accounts-'));
  dirs.push(dir);
  const favorites = FavoritesStore.inDirectory(dir);
  await favorites.load();
  const make = () => new AccountsService({ cacheDir: join(dir, 'cache'), accessToken: async () => 'token', portalFor: () => portal, favorites, sleep: async () => {} });
  return { dir, favorites, make };
}

describe('AccountsService', () => {
  it('lists 200 accounts with progress, survives throttling, and reports a denied account without failing the rest', async () => {
    const { portal } = fakePortal(200, { denied: '100000000007', throttleEvery: 13 });
    const { make } = await setup(portal);
    const service = make();
    const seen: AccountsSnapshot[] = [];
    service.onDidChange((s) => seen.push(s));
    const snap = await service.loadAll('acme');
    expect(snap.accounts).toHaveLength(200);
    expect(snap.loading).toBe(false);
    expect(snap.accounts.find((a) => a.accountId === '100000000007')?.error).toContain('No access');
    expect(snap.accounts.filter((a) => a.roles.length === 2)).toHaveLength(199);
    expect(snap.accounts.find((a) => a.accountName === 'acme-prod-0')?.environment).toBe('production');
    const progress = seen.filter((s) => s.progress).map((s) => s.progress!.done);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(200);
  });

  it('caches names and roles on disk without secrets, and shows them instantly next time', async () => {
    const { portal } = fakePortal(5);
    const { dir, make } = await setup(portal);
    await make().loadAll('acme');
    const files = readdirSync(join(dir, 'cache'));
    expect(files).toHaveLength(1);
    const text = readFileSync(join(dir, 'cache', files[0]!), 'utf8');
    expect(text).not.toMatch(/SECRET|SESSION-TOKEN|token/);
    const again = make();
    const first = await again.list('acme');
    expect(first.accounts).toHaveLength(5);
    expect(first.fetchedAt).toBeDefined();
  });

  it('marks favourites and recents', async () => {
    const { portal } = fakePortal(3);
    const { favorites, make } = await setup(portal);
    const service = make();
    await service.loadAll('acme');
    await favorites.setFavorite('100000000001', true);
    const creds = new RoleCredentialsService({ accessToken: async () => 't', portalFor: () => portal, onDidUse: (id, at) => void favorites.markUsed(id, at) });
    await creds.get('acme', '100000000002', 'ReadOnly');
    await new Promise((r) => setTimeout(r, 20));
    const snap = service.snapshot('acme');
    expect(snap.accounts.find((a) => a.accountId === '100000000001')?.favorite).toBe(true);
    expect(snap.accounts.find((a) => a.accountId === '100000000002')?.lastUsedAt).toBeGreaterThan(0);
  });

  it('stops with SsoExpired when the session is gone', async () => {
    const { portal } = fakePortal(3);
    const { make } = await setup({ ...portal, listAccountRoles: async () => { throw new FumidaiError('SsoExpired', 'expired'); } });
    await expect(make().loadAll('acme')).rejects.toMatchObject({ code: 'SsoExpired' });
  });
});

describe('RoleCredentialsService', () => {
  it('reuses credentials until the margin, fetches once for concurrent callers, and wipes per session', async () => {
    let calls = 0;
    let now = 0;
    const portal = { getRoleCredentials: async () => ({ accessKeyId: `AK${++calls}`, secretAccessKey: 's', sessionToken: 't', expiration: now + 3600_000 }) } as unknown as PortalApi;
    const svc = new RoleCredentialsService({ accessToken: async () => 'tok', portalFor: () => portal, now: () => now });
    const [a, b] = await Promise.all([svc.get('s1', '111122223333', 'R'), svc.get('s1', '111122223333', 'R')]);
    expect(a.accessKeyId).toBe('AK1');
    expect(b.accessKeyId).toBe('AK1');
    now += 50 * 60_000;
    expect((await svc.get('s1', '111122223333', 'R')).accessKeyId).toBe('AK2');
    await svc.get('s2', '111122223333', 'R');
    svc.wipe('s1');
    expect(svc.size).toBe(1);
    svc.wipe();
    expect(svc.size).toBe(0);
  });
});
