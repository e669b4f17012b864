// Inventory against the sandbox: every account × region through its chosen role, EC2 merged with
// SSM, access routes (agent online, no agent behind a bastion, ConnectionLost, stopped), and a
// denied account reported on its own without failing the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import { loadFixture } from '../../../emulator/fixture/load';
import { RoleCredentialsService } from '../../../main/accounts/roleCredentials';
import { createPortalApi } from '../../../main/auth/portal';
import { InventoryService } from '../../../main/inventory/inventoryService';
import { classifyAccount } from '../../../common/environments';
import { signInWithDeviceCode } from '../../helpers/emulatorSignIn';
import type { AccountSummary } from '../../../common/api/accounts';

let emu: Emulator;
const saved = { ...process.env };

beforeAll(async () => {
  const fixture = loadFixture();
  // A permission set that may not describe EC2, assigned on one account, to prove per-account errors.
  fixture.permissionSets.push({ name: 'BillingOnly', sessionDurationSeconds: 3600, kmsDecrypt: false, statements: [{ actions: ['sts:GetCallerIdentity'] }] });
  fixture.assignments.push({ user: 'alice', account: '777777777777', permissionSets: ['BillingOnly'] });
  fixture.accounts.find((a) => a.id === '777777777777')!.status = 'ACTIVE';
  emu = await startEmulator({ fixture });
  process.env.AWS_ENDPOINT_URL = emu.endpoint;
});
afterAll(async () => {
  process.env = saved;
  await emu.close();
});

describe('InventoryService', () => {
  it('discovers instances with routes across accounts and regions', async () => {
    const { accessToken } = await signInWithDeviceCode(emu);
    const portal = createPortalApi(emu.region);
    const accounts: AccountSummary[] = [];
    for await (const page of portal.listAccounts(accessToken)) {
      for (const a of page) accounts.push({ ...a, environment: classifyAccount(a), roles: await portal.listAccountRoles(accessToken, a.accountId), favorite: false });
    }
    const credentials = new RoleCredentialsService({ accessToken: async () => accessToken, portalFor: () => portal });
    const cacheDir = mkdtempSync(join(tmpdir(), 'fumidai-inv-'));
    const make = () => new InventoryService({ cacheDir, accounts: async () => accounts, credentials, regions: () => ['ap-northeast-1', 'us-west-2'] });
    const inventory = make();
    const progress: number[] = [];
    inventory.onDidChange((s) => s.progress && progress.push(s.progress.done));
    const snap = await inventory.loadAll('acme');

    const byName = Object.fromEntries(snap.instances.map((i) => [i.name, i]));
    expect(byName['prod-web-1']).toMatchObject({ accountName: 'acme-prod', environment: 'production', roleName: 'ProductionOperator', state: 'running', privateIp: '10.10.1.11', ssm: { ping: 'Online', agentVersion: '3.3.40.0' }, route: { kind: 'ssm' } });
    expect(byName['prod-legacy-batch']!.route).toMatchObject({ kind: 'bastion', bastionId: 'i-0a11111111111111c' });
    expect(byName['prod-worker-lost']).toMatchObject({ ssm: { ping: 'ConnectionLost' }, route: { kind: 'bastion', reason: expect.stringContaining('lost its connection') } });
    expect(byName['dev-no-agent']!.route).toMatchObject({ kind: 'bastion', bastionId: 'i-0c33333333333333c' });
    expect(byName['stg-web-2']!.route).toEqual({ kind: 'unreachable', reason: 'The instance is stopped.', why: { code: 'state', state: 'stopped' } });
    expect(byName['dev-oregon-1']!.region).toBe('us-west-2');
    expect(byName['dev-app-1']!.roleName).toBe('AdministratorAccess');
    // The account whose role may not describe instances is reported per region; the rest loaded.
    expect(snap.errors).toHaveLength(2);
    for (const e of snap.errors) expect(e).toMatchObject({ accountId: '777777777777', code: 'AccessDenied', message: expect.stringMatching(/ec2:DescribeInstances|ssm:DescribeInstanceInformation/) });
    expect(progress.at(-1)).toBe(accounts.length * 2);

    // Next start: the cached inventory (no secrets) is shown at once with its age, then refreshed.
    // The cache is written in the background after the last account × region: wait for it.
    // (Only the renamed file counts: a .tmp is an atomic write still under way.)
    const cached = () => readdirSync(cacheDir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(cacheDir, f), 'utf8'));
    for (let waited = 0; !cached().some((t) => t.includes('"prod-web-1"') && t.includes('"stg-web-2"')) && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(cached()[0]).not.toMatch(/secretAccessKey|sessionToken/i);
    const again = make();
    const first = await again.list('acme');
    expect(first.instances).toHaveLength(snap.instances.length);
    expect(first.fetchedAt).toBe(snap.fetchedAt);
    const refreshed = await again.loadAll('acme');
    expect(refreshed.fetchedAt).toBeGreaterThanOrEqual(snap.fetchedAt!);
    rmSync(cacheDir, { recursive: true, force: true });
  });
});
