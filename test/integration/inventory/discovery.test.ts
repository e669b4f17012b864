// The inventory against the emulator, through the real AWS SDK: sign in with the device flow,
// list accounts and roles from the SSO portal, then EC2 merged with SSM in every account and
// region with role credentials the emulator signs and verifies. Checks the merged fields, the
// access routes (agentless host behind a bastion, a ConnectionLost host, stopped, no route),
// per-account denials that leave the rest intact, an SSM-only denial, throttling survived, and
// a one-region refresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator';
import { loadFixture } from '../../../emulator/fixture/load';
import { InstanceSchema } from '../../../emulator/fixture/schema';
import { RoleCredentialsService } from '../../../main/accounts/roleCredentials';
import { createPortalApi } from '../../../main/auth/portal';
import { InventoryService } from '../../../main/inventory/inventoryService';
import { createSdkInventoryApi, type InventoryApiFactory } from '../../../main/inventory/discovery';
import { classifyAccount } from '../../../common/environments';
import type { AccountSummary } from '../../../common/api/accounts';
import type { InventoryTargetLoaded } from '../../../common/api/inventory';
import { signInWithDeviceCode } from '../../helpers/emulatorSignIn';
import { withDeniedAccounts } from '../../helpers/deniedAccounts';

const REGIONS = ['ap-northeast-1', 'us-west-2'];
let emu: Emulator;
let accounts: AccountSummary[];
let credentials: RoleCredentialsService;
const saved = { ...process.env };

beforeAll(async () => {
  // One account whose only role may not describe EC2, one whose role may describe EC2 but not SSM.
  const fixture = withDeniedAccounts(loadFixture());
  fixture.instances.push(InstanceSchema.parse({ id: 'i-0d44444444444444b', account: '444444444444', region: 'ap-northeast-1', name: 'sbx-island', privateIp: '10.60.1.20', ssmAgent: 'none', tags: { Environment: 'sandbox' } }));
  emu = await startEmulator({ fixture, ssh: false });
  process.env.AWS_ENDPOINT_URL = emu.endpoint;
  const { accessToken } = await signInWithDeviceCode(emu);
  const portal = createPortalApi(emu.region);
  accounts = [];
  for await (const page of portal.listAccounts(accessToken)) {
    for (const a of page) accounts.push({ ...a, environment: classifyAccount(a), roles: await portal.listAccountRoles(accessToken, a.accountId), favorite: false });
  }
  credentials = new RoleCredentialsService({ accessToken: async () => accessToken, portalFor: () => portal });
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await emu?.close();
});

// Small pages (the smallest AWS allows) so the real SDK's NextToken handling is exercised.
const smallPages = createSdkInventoryApi({ ec2: 5, ssm: 5 });

function inventory(api: InventoryApiFactory = smallPages) {
  return new InventoryService({ accounts: async () => accounts, credentials, regions: () => REGIONS, api, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
}

describe('inventory against the emulator', () => {
  it('merges EC2 and SSM with the right routes, streaming each account × region', async () => {
    const inv = inventory();
    const loaded: InventoryTargetLoaded[] = [];
    inv.onDidLoadTarget((t) => loaded.push(t));
    const snap = await inv.discover('acme');
    const by = Object.fromEntries(snap.instances.map((i) => [i.name, i]));

    expect(by['prod-web-1']).toMatchObject({
      instanceId: 'i-0a11111111111111a',
      accountId: '111111111111',
      accountName: 'acme-prod',
      environment: 'production',
      region: 'ap-northeast-1',
      roleName: 'ProductionOperator',
      state: 'running',
      platform: 'Linux/UNIX',
      privateIp: '10.10.1.11',
      vpcId: 'vpc-0a1b2c3d',
      instanceType: 't3.micro',
      launchTime: Date.parse('2026-10-01T09:00:00Z'),
      tags: { Name: 'prod-web-1', Environment: 'production', Role: 'web' },
      ssm: { ping: 'Online', agentVersion: '3.3.40.0' },
      route: { kind: 'ssm' },
    });
    expect(by['prod-bastion']).toMatchObject({ publicIp: '203.0.113.10', isBastion: true });
    // No agent, a bastion in the same VPC: SSH through it.
    expect(by['prod-legacy-batch']!).toMatchObject({ ssm: { ping: 'None' }, route: { kind: 'bastion', bastionId: 'i-0a11111111111111c', bastionName: 'prod-bastion' } });
    expect(by['dev-no-agent']!.route).toMatchObject({ kind: 'bastion', bastionId: 'i-0c33333333333333c' });
    // Agent registered but ConnectionLost: the bastion, with a note about the agent.
    expect(by['prod-worker-lost']).toMatchObject({ ssm: { ping: 'ConnectionLost' }, route: { kind: 'bastion', bastionId: 'i-0a11111111111111c', reason: expect.stringContaining('lost its connection'), note: expect.any(String) } });
    expect(by['stg-web-2']!.route).toEqual({ kind: 'unreachable', reason: 'The instance is stopped.', why: { code: 'state', state: 'stopped' } });
    expect(by['sbx-island']!.route).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('no running bastion (tag Role=bastion)') });
    expect(by['dev-windows-1']!.platform).toMatch(/Windows/);
    expect(by['dev-oregon-1']!.region).toBe('us-west-2');
    expect(by['dev-app-1']!.roleName).toBe('AdministratorAccess');
    expect(by['stg-web-1']!.roleName).toBe('Developer');

    // Every fixture instance of the accounts that may describe EC2 is there, once.
    const visible = new Set(['111111111111', '222222222222', '333333333333', '444444444444', '555555555555', '666666666666']);
    const expected = emu.world.fixture.instances.filter((i) => visible.has(i.account) && REGIONS.includes(i.region)).map((i) => i.id).sort();
    expect(snap.instances.map((i) => i.instanceId).sort()).toEqual(expected);

    // One event per account × region, each with that target's rows.
    expect(loaded).toHaveLength(accounts.length * REGIONS.length);
    const prodTokyo = loaded.find((l) => l.target.accountId === '111111111111' && l.target.region === 'ap-northeast-1')!;
    expect(prodTokyo.instances.map((i) => i.name).sort()).toEqual(['prod-bastion', 'prod-db-proxy', 'prod-legacy-batch', 'prod-web-1', 'prod-worker-lost']);
  });

  it('reports denied accounts per account and region with AWS message, and keeps SSM-denied rows', async () => {
    const snap = await inventory().discover('acme');
    const billing = snap.errors.filter((e) => e.accountId === '777777777777');
    expect(billing.map((e) => e.region).sort()).toEqual(REGIONS);
    for (const e of billing) expect(e).toMatchObject({ accountName: 'legacy-old', roleName: 'BillingOnly', code: 'AccessDenied', message: expect.stringMatching(/not authorized to perform: (ec2:DescribeInstances|ssm:DescribeInstanceInformation)/) });
    // Only SSM denied: the row is there, its agent unknown, and the denial is reported.
    const shipper = snap.instances.find((i) => i.name === 'log-shipper')!;
    expect(shipper).toMatchObject({ roleName: 'Ec2Viewer', ssm: { ping: 'None' }, route: { note: expect.stringContaining('ssm:DescribeInstanceInformation') } });
    expect(snap.errors).toContainEqual(expect.objectContaining({ accountId: '666666666666', region: 'ap-northeast-1', code: 'AccessDenied', message: expect.stringContaining('ssm:DescribeInstanceInformation') }));
    // Nothing else failed.
    expect(new Set(snap.errors.map((e) => e.accountId))).toEqual(new Set(['777777777777', '666666666666']));
  });

  it('survives heavy throttling of EC2 and SSM with every row intact', async () => {
    const seen = { throttled: 0 };
    const counting: InventoryApiFactory = (t) => {
      const real = smallPages(t);
      const watch = <A extends unknown[], R extends { attempts?: number }>(fn: (...a: A) => Promise<R>) => async (...a: A) => {
        try {
          const r = await fn(...a);
          if ((r.attempts ?? 1) > 1) seen.throttled++;
          return r;
        } catch (e) {
          if (/Throttl|RequestLimitExceeded/.test((e as Error).name)) seen.throttled++;
          throw e;
        }
      };
      return { describeInstances: watch(real.describeInstances), describeInstanceInformation: watch(real.describeInstanceInformation), destroy: real.destroy };
    };
    const calm = await inventory().discover('acme');
    emu.setFaults({ throttleRate: 0.4, services: ['ec2', 'ssm'], seed: 7 });
    try {
      const snap = await inventory(counting).discover('acme');
      expect(seen.throttled).toBeGreaterThan(0);
      expect(snap.instances.map((i) => `${i.instanceId}:${i.route.kind}`).sort()).toEqual(calm.instances.map((i) => `${i.instanceId}:${i.route.kind}`).sort());
      expect(snap.errors.map((e) => `${e.accountId}/${e.region}/${e.code}`).sort()).toEqual(calm.errors.map((e) => `${e.accountId}/${e.region}/${e.code}`).sort());
    } finally {
      emu.setFaults({});
    }
  }, 60_000);

  it('refreshes one region alone, picking up what changed there', async () => {
    const inv = inventory();
    await inv.discover('acme');
    const oregon = emu.world.instance('i-0c33333333333333e')!;
    const tokyo = emu.world.instance('i-0c33333333333333b')!;
    oregon.state = 'stopped';
    tokyo.state = 'stopped';
    try {
      const snap = await inv.discover('acme', { region: 'us-west-2' });
      const by = Object.fromEntries(snap.instances.map((i) => [i.instanceId, i]));
      expect(by['i-0c33333333333333e']!.state).toBe('stopped');
      // Tokyo was not asked again: its rows are as they were.
      expect(by['i-0c33333333333333b']!.state).toBe('running');
      const detail = await inv.detail('acme', 'i-0c33333333333333e');
      expect(detail.sessions.every((s) => !s.available)).toBe(true);
    } finally {
      oregon.state = 'running';
      tokyo.state = 'running';
    }
  });
});
