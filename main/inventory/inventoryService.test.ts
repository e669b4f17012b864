import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountSummary } from '../../common/api/accounts';
import type { InventorySnapshot, InventoryTargetLoaded } from '../../common/api/inventory';
import { FumidaiError } from '../../common/api/errors';
import { InventoryService, SNAPSHOT_INTERVAL_MS, snapshotInterval, type InventoryDeps } from './inventoryService';
import { InventoryPreferencesStore } from './inventoryPreferences';
import { FakeAws, agent, ec2Instance } from './fakeInventoryApi';
import { explainStepInEnglish, sessionNoteInEnglish } from '../../common/inventory/explanation';

const account = (id: string, name: string, roles: string[], over: Partial<AccountSummary> = {}): AccountSummary => ({
  accountId: id,
  accountName: name,
  emailAddress: `${name}@example.com`,
  environment: name.includes('prod') ? 'production' : 'development',
  roles,
  favorite: false,
  ...over,
});

const PROD = account('111111111111', 'acme-prod', ['ReadOnly', 'ProductionOperator']);
const DEV = account('222222222222', 'acme-dev', ['Developer', 'AdministratorAccess', 'ReadOnly']);
const BILLING = account('333333333333', 'acme-billing', ['Billing']);

function landingZone(): FakeAws {
  const aws = new FakeAws();
  aws.set(PROD.accountId, 'ap-northeast-1', {
    instances: [
      ec2Instance('i-web', 'prod-web-1', { PrivateIpAddress: '10.1.0.11', PublicIpAddress: '203.0.113.5', tags: { Role: 'web', Environment: 'production' } }),
      ec2Instance('i-bastion', 'prod-bastion', { PrivateIpAddress: '10.1.0.5', tags: { Role: 'bastion' } }),
      ec2Instance('i-legacy', 'prod-legacy', { PrivateIpAddress: '10.1.0.30' }),
      ec2Instance('i-lost', 'prod-lost', { PrivateIpAddress: '10.1.0.40' }),
      ec2Instance('i-stopped', 'prod-stopped', { State: { Name: 'stopped' } }),
      ec2Instance('i-island', 'prod-island', { VpcId: 'vpc-other' }),
      ec2Instance('i-win', 'prod-win', { Platform: 'Windows', PlatformDetails: 'Windows' }),
    ],
    agents: [agent('i-web'), agent('i-lost', 'ConnectionLost'), agent('i-win')],
    pageSize: 3,
  });
  aws.set(PROD.accountId, 'us-west-2', { instances: [ec2Instance('i-dr', 'prod-dr-1')], agents: [agent('i-dr')] });
  aws.set(DEV.accountId, 'ap-northeast-1', { instances: [ec2Instance('i-dev', 'dev-app-1')], agents: [agent('i-dev')] });
  aws.set(DEV.accountId, 'us-west-2', { instances: [], agents: [] });
  aws.set(BILLING.accountId, 'ap-northeast-1', { instances: [], agents: [], ec2Error: { name: 'UnauthorizedOperation', message: 'You are not authorized to perform: ec2:DescribeInstances with Billing' } });
  aws.set(BILLING.accountId, 'us-west-2', { instances: [], agents: [], ec2Error: { name: 'UnauthorizedOperation', message: 'You are not authorized to perform: ec2:DescribeInstances with Billing' } });
  return aws;
}

const credentials: InventoryDeps['credentials'] = { provider: () => async () => ({ accessKeyId: 'AKIA', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date(Date.now() + 3600_000) }) };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function make(aws: FakeAws, over: Partial<InventoryDeps> = {}) {
  return new InventoryService({
    accounts: async () => [PROD, DEV, BILLING],
    credentials,
    regions: () => ['ap-northeast-1', 'us-west-2'],
    api: aws.factory,
    sleep: async () => {},
    ...over,
  });
}

describe('InventoryService discovery', () => {
  it('merges EC2 and SSM per instance, through the most privileged role, with routes', async () => {
    const aws = landingZone();
    const snap = await make(aws).discover('s1');
    const by = Object.fromEntries(snap.instances.map((i) => [i.instanceId, i]));
    expect(by['i-web']).toEqual({
      instanceId: 'i-web',
      name: 'prod-web-1',
      accountId: PROD.accountId,
      accountName: 'acme-prod',
      environment: 'production',
      region: 'ap-northeast-1',
      roleName: 'ProductionOperator',
      state: 'running',
      platform: 'Linux/UNIX',
      privateIp: '10.1.0.11',
      publicIp: '203.0.113.5',
      vpcId: 'vpc-1',
      instanceType: 't3.micro',
      launchTime: Date.parse('2026-01-02T03:04:05Z'),
      tags: { Name: 'prod-web-1', Role: 'web', Environment: 'production' },
      ssm: { ping: 'Online', agentVersion: '3.3.40.0', lastPingAt: Date.parse('2026-01-02T04:00:00Z') },
      route: { kind: 'ssm' },
    });
    expect(by['i-legacy']!.route).toMatchObject({ kind: 'bastion', bastionId: 'i-bastion', bastionName: 'prod-bastion' });
    expect(by['i-lost']!.route).toMatchObject({ kind: 'bastion', bastionId: 'i-bastion', note: expect.stringContaining('restart') });
    expect(by['i-stopped']!.route).toEqual({ kind: 'unreachable', reason: 'The instance is stopped.', why: { code: 'state', state: 'stopped' } });
    expect(by['i-island']!.route).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('vpc-other') });
    expect(by['i-bastion']).toMatchObject({ isBastion: true, route: { kind: 'bastion', bastionId: 'i-bastion' } });
    expect(by['i-win']!.platform).toBe('Windows');
    expect(by['i-dev']!.roleName).toBe('AdministratorAccess');
    // Pages of three: EC2 was asked three times for the seven instances of prod in Tokyo.
    expect(aws.calls.filter((c) => c.api === 'ec2' && c.accountId === PROD.accountId && c.region === 'ap-northeast-1')).toHaveLength(3);
    // Display order: accounts as listed, then regions; by name within an account and region.
    expect(snap.instances.map((i) => i.instanceId).slice(0, 8)).toEqual(['i-bastion', 'i-island', 'i-legacy', 'i-lost', 'i-stopped', 'i-web', 'i-win', 'i-dr']);
    expect(snap.loading).toBe(false);
    expect(snap.fetchedAt).toBeGreaterThan(0);
  });

  it('reports a denied account per region with AWS message, without failing the rest', async () => {
    const snap = await make(landingZone()).discover('s1');
    expect(snap.errors).toEqual([
      { accountId: BILLING.accountId, accountName: 'acme-billing', region: 'ap-northeast-1', roleName: 'Billing', code: 'AccessDenied', message: expect.stringContaining('ec2:DescribeInstances') },
      { accountId: BILLING.accountId, accountName: 'acme-billing', region: 'us-west-2', roleName: 'Billing', code: 'AccessDenied', message: expect.stringContaining('ec2:DescribeInstances') },
    ]);
    expect(snap.targets?.filter((t) => t.status === 'done')).toHaveLength(4);
    expect(snap.instances).toHaveLength(9);
  });

  it('keeps the rows when only Systems Manager is denied, and says so', async () => {
    const aws = landingZone();
    aws.targets.get(`${DEV.accountId}/ap-northeast-1`)!.ssmError = { name: 'AccessDeniedException', message: 'not authorized to perform: ssm:DescribeInstanceInformation' };
    const snap = await make(aws).discover('s1');
    const dev = snap.instances.find((i) => i.instanceId === 'i-dev')!;
    expect(dev.ssm.ping).toBe('None');
    expect(dev.route).toMatchObject({ kind: 'unreachable', note: expect.stringContaining('ssm:DescribeInstanceInformation') });
    expect(snap.errors).toContainEqual(expect.objectContaining({ accountId: DEV.accountId, region: 'ap-northeast-1', code: 'AccessDenied' }));
  });

  it('streams each account × region with its rows as it completes, region by region', async () => {
    const aws = landingZone();
    const inventory = make(aws);
    const loaded: InventoryTargetLoaded[] = [];
    const snaps: InventorySnapshot[] = [];
    inventory.onDidLoadTarget((t) => loaded.push(t));
    inventory.onDidChange((s) => snaps.push(s));
    await inventory.discover('s1');
    expect(loaded.map((l) => `${l.target.accountName}/${l.target.region}`)).toHaveLength(6);
    // Region-major: every account of the first region starts before any second-region work.
    const started = [...new Set(aws.calls.map((c) => `${c.accountId}/${c.region}`))];
    expect(started.slice(0, 3).every((t) => t.endsWith('ap-northeast-1'))).toBe(true);
    const prodTokyo = loaded.find((l) => l.target.accountId === PROD.accountId && l.target.region === 'ap-northeast-1')!;
    expect(prodTokyo.instances).toHaveLength(7);
    expect(prodTokyo.target).toMatchObject({ status: 'done', roleName: 'ProductionOperator', instanceCount: 7 });
    expect(loaded.at(-1)!.progress).toEqual({ done: 6, total: 6 });
    // Loading is announced at once (total still unknown), then the plan, then progress.
    expect(snaps[0]).toMatchObject({ loading: true, progress: { done: 0, total: 0 } });
    expect(snaps.find((s) => s.progress?.total)).toMatchObject({ loading: true, progress: { done: 0, total: 6 } });
    expect(snaps.filter((s) => s.progress).at(-1)!.progress).toEqual({ done: 6, total: 6 });
    expect(snaps.at(-1)).toMatchObject({ loading: false });
  });

  it('never has more than the concurrency limit of account × region listings in flight', async () => {
    const aws = new FakeAws();
    const many = Array.from({ length: 30 }, (_, n) => account(String(100000000000 + n), `team${n}`, ['AdministratorAccess']));
    for (const a of many) aws.set(a.accountId, 'eu-west-1', { instances: [ec2Instance(`i-${a.accountId}`, a.accountName)], agents: [] });
    const snap = await make(aws, { accounts: async () => many, regions: () => ['eu-west-1'], concurrency: 3 }).discover('s1');
    expect(snap.instances).toHaveLength(30);
    // Each listing makes its EC2 and SSM calls together: 3 listings, 6 calls at most.
    expect(aws.peakInFlight).toBeLessThanOrEqual(6);
    expect(aws.peakInFlight).toBeGreaterThanOrEqual(4);
  });

  it('survives throttling with backoff, slowing down while AWS throttles', async () => {
    const aws = landingZone();
    for (const t of aws.targets.values()) t.throttle = 3;
    const slept: number[] = [];
    const inventory = make(aws, { sleep: async (ms) => void slept.push(ms), random: () => 0.5 });
    const snap = await inventory.discover('s1');
    expect(snap.errors.map((e) => e.code)).toEqual(['AccessDenied', 'AccessDenied']);
    expect(snap.instances).toHaveLength(9);
    expect(slept.length).toBeGreaterThan(0);
    expect(aws.calls.length).toBeGreaterThan(12);
  });

  it('gives up on a target that stays throttled, naming it, and finishes the rest', async () => {
    const aws = landingZone();
    aws.targets.get(`${DEV.accountId}/us-west-2`)!.throttle = 1000;
    const snap = await make(aws).discover('s1');
    expect(snap.errors).toContainEqual(expect.objectContaining({ accountId: DEV.accountId, region: 'us-west-2', code: 'Throttled', message: expect.stringContaining('try this account again') }));
    expect(snap.instances).toHaveLength(9);
  });

  it('stops early and reports sign-in when the SSO session has expired', async () => {
    const aws = landingZone();
    const expired: InventoryDeps['credentials'] = { provider: () => async () => Promise.reject(new FumidaiError('SsoExpired', 'The IAM Identity Center sign-in has expired or was revoked. Sign in again.')) };
    const inventory = make(aws, { credentials: expired, concurrency: 1 });
    await expect(inventory.discover('s1')).rejects.toMatchObject({ code: 'SsoExpired' });
    const snap = await inventory.list('s1');
    expect(snap.error).toMatchObject({ code: 'SsoExpired' });
    // The first listing found out; the others did not call AWS in vain.
    expect(aws.calls.length).toBeLessThanOrEqual(2);
  });

  it('lists an account whose roles could not be read as an error, not silently', async () => {
    const aws = landingZone();
    const broken = account('444444444444', 'acme-broken', [], { error: 'AccessDenied: no access' });
    const snap = await make(aws, { accounts: async () => [PROD, broken] }).discover('s1');
    expect(snap.errors).toContainEqual(expect.objectContaining({ accountId: '444444444444', code: 'AccessDenied', message: expect.stringContaining('no access') }));
  });
});

describe('InventoryService refresh, roles and cache', () => {
  it('refreshes one region or one account alone, keeping the other rows', async () => {
    const aws = landingZone();
    const inventory = make(aws);
    await inventory.discover('s1');
    aws.calls.length = 0;
    aws.targets.get(`${PROD.accountId}/us-west-2`)!.instances.push(ec2Instance('i-new', 'prod-dr-2'));
    const after = await inventory.discover('s1', { region: 'us-west-2' });
    expect(new Set(aws.calls.map((c) => c.region))).toEqual(new Set(['us-west-2']));
    expect(after.instances.map((i) => i.instanceId)).toContain('i-new');
    expect(after.instances).toHaveLength(10);
    aws.calls.length = 0;
    await inventory.discover('s1', { accountId: DEV.accountId });
    expect(new Set(aws.calls.map((c) => c.accountId))).toEqual(new Set([DEV.accountId]));
    await expect(inventory.discover('s1', { accountId: '999999999999' })).rejects.toMatchObject({ code: 'NotFound' });
  });

  it("uses the user's role for an account, persisted, and re-lists that account alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-invprefs-'));
    dirs.push(dir);
    const aws = landingZone();
    const inventory = make(aws, { preferences: InventoryPreferencesStore.inDirectory(dir) });
    await inventory.discover('s1');
    await expect(inventory.setPreferences('s1', { roles: { [DEV.accountId]: 'Nope' } })).rejects.toMatchObject({ code: 'InvalidRequest', message: expect.stringContaining('Developer, AdministratorAccess, ReadOnly') });
    aws.calls.length = 0;
    const prefs = await inventory.setPreferences('s1', { roles: { [DEV.accountId]: 'ReadOnly' } });
    expect(prefs).toEqual({ roles: { [DEV.accountId]: 'ReadOnly' }, defaultRegions: ['ap-northeast-1', 'us-west-2'], bastionTag: { key: 'Role', value: 'bastion' } });
    const snap = await inventory.discover('s1', { accountId: DEV.accountId });
    expect(snap.instances.find((i) => i.instanceId === 'i-dev')!.roleName).toBe('ReadOnly');
    expect(new Set(aws.calls.map((c) => `${c.accountId}:${c.roleName}`))).toEqual(new Set([`${DEV.accountId}:ReadOnly`]));
    // Another process (the CLI) sees the same choice.
    const again = make(aws, { preferences: InventoryPreferencesStore.inDirectory(dir) });
    expect((await again.preferences('s1')).roles).toEqual({ [DEV.accountId]: 'ReadOnly' });
    await again.setPreferences('s1', { roles: { [DEV.accountId]: null } });
    expect((await again.discover('s1')).instances.find((i) => i.instanceId === 'i-dev')!.roleName).toBe('AdministratorAccess');
  });

  it('searches the regions the user chose instead of the defaults', async () => {
    const aws = landingZone();
    const inventory = make(aws);
    await inventory.setPreferences('s1', { regions: ['us-west-2'] });
    const snap = await inventory.discover('s1');
    expect(snap.regions).toEqual(['us-west-2']);
    expect(new Set(snap.instances.map((i) => i.region))).toEqual(new Set(['us-west-2']));
  });

  it('recomputes routes for another bastion tag without calling AWS', async () => {
    const aws = landingZone();
    aws.targets.get(`${PROD.accountId}/ap-northeast-1`)!.instances.push(ec2Instance('i-jump', 'jump', { tags: { Access: 'jump' } }));
    const inventory = make(aws);
    await inventory.discover('s1');
    const calls = aws.calls.length;
    await inventory.setPreferences('s1', { bastionTag: { key: 'Access', value: 'jump' } });
    const snap = await inventory.list('s1');
    expect(aws.calls.length).toBe(calls);
    expect(snap.instances.find((i) => i.instanceId === 'i-legacy')!.route).toMatchObject({ kind: 'bastion', bastionId: 'i-jump' });
    expect(snap.instances.find((i) => i.instanceId === 'i-bastion')!.isBastion).toBeUndefined();
  });

  it('shows the on-disk inventory at once with its age, then revalidates it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-invcache-'));
    dirs.push(dir);
    let now = 1_000_000;
    const aws = landingZone();
    const first = make(aws, { cacheDir: dir, now: () => now });
    const done = await first.discover('s1');
    await first.flush();
    const [file] = readdirSync(dir);
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, file!), 'utf8')).not.toMatch(/secret|token|AKIA/i);

    now += 60_000;
    aws.delay = () => new Promise(() => {}); // AWS hangs: the cached rows must still show
    const second = make(aws, { cacheDir: dir, now: () => now });
    const shown = await second.list('s1');
    expect(shown).toMatchObject({ fromCache: true, fetchedAt: done.fetchedAt, loading: true });
    expect(shown.instances.map((i) => i.instanceId)).toEqual(done.instances.map((i) => i.instanceId));
    expect(shown.errors).toEqual(done.errors);
    second.forget('s1');
  });

  it('replaces cached rows target by target as the refresh arrives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-invcache-'));
    dirs.push(dir);
    const aws = landingZone();
    const first = make(aws, { cacheDir: dir });
    await first.discover('s1');
    await first.flush();
    aws.targets.get(`${DEV.accountId}/ap-northeast-1`)!.instances = [ec2Instance('i-dev2', 'dev-app-2')];
    const second = make(aws, { cacheDir: dir });
    const after = await second.loadAll('s1');
    expect(after.fromCache).toBeUndefined();
    expect(after.instances.map((i) => i.instanceId)).toContain('i-dev2');
    expect(after.instances.map((i) => i.instanceId)).not.toContain('i-dev');
  });

  it('ignores a corrupt or foreign cache file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-invcache-'));
    dirs.push(dir);
    const logs: string[] = [];
    const aws = landingZone();
    const inventory = make(aws, { cacheDir: dir, log: (m) => logs.push(m) });
    await inventory.discover('s1');
    await inventory.flush();
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), '{"version":1,"sessionId":"s1","instances":[{"oops":true}]');
    const fresh = make(aws, { cacheDir: dir, log: (m) => logs.push(m) });
    const snap = await fresh.list('s1');
    expect(snap.instances).toEqual([]);
    expect(snap.loading).toBe(true);
    expect(logs.join('\n')).toMatch(/Ignoring the cached inventory/);
    await fresh.loadAll('s1');
  });
});

describe('InventoryService detail', () => {
  it('explains the route as steps, lists every tag and the sessions possible, and keeps denials', async () => {
    // Three minutes after the fake agents last reported, so "last heard" has a known age.
    const inventory = make(landingZone(), { now: () => Date.parse('2026-01-02T04:03:00Z') });
    await inventory.discover('s1');
    const legacy = await inventory.detail('s1', 'i-legacy');
    expect(legacy.tags).toEqual([{ key: 'Name', value: 'prod-legacy' }]);
    const noAgent = { code: 'agent', agent: { ping: 'None' } };
    expect(legacy.sessions).toEqual([
      { kind: 'shell', available: false, reason: noAgent },
      { kind: 'port-forward', available: false, reason: noAgent },
      { kind: 'ssh', available: true, via: { code: 'ssh-bastion', bastion: 'prod-bastion' } },
    ]);
    expect(legacy.bastion).toEqual({ instanceId: 'i-bastion', name: 'prod-bastion', privateIp: '10.1.0.5' });
    const legacyRoute = (await inventory.list('s1')).instances.find((i) => i.instanceId === 'i-legacy')!.route;
    expect(legacy.routeExplanation).toEqual([
      { code: 'state', state: 'running' },
      noAgent,
      { code: 'bastion-in-vpc', vpc: 'vpc-1', name: 'prod-bastion', instanceId: 'i-bastion', privateIp: '10.1.0.5' },
      { code: 'route-bastion', bastion: 'prod-bastion', reason: legacyRoute.reason, why: legacyRoute.why },
    ]);
    // The CLI's English from those steps.
    expect(legacy.routeExplanation.map(explainStepInEnglish)).toEqual([
      'State: running.',
      'SSM agent: none registered with Systems Manager in this account and region.',
      'Bastion in vpc-1: prod-bastion (i-bastion, 10.1.0.5).',
      'Route: SSH through bastion prod-bastion. It has no SSM agent registered with Systems Manager; reachable over SSH through bastion prod-bastion (i-bastion).',
    ]);
    expect(legacy.sessions.map(sessionNoteInEnglish)).toEqual([
      'Session Manager needs the SSM agent online; no agent is registered with Systems Manager in this account and region.',
      'Session Manager needs the SSM agent online; no agent is registered with Systems Manager in this account and region.',
      'SSH via prod-bastion',
    ]);
    expect(legacy.roles).toEqual(['ProductionOperator', 'ReadOnly']);

    const web = await inventory.detail('s1', 'i-web');
    expect(web.sessions).toEqual([
      { kind: 'shell', available: true, via: { code: 'ssm' } },
      { kind: 'port-forward', available: true, via: { code: 'ssm' } },
      { kind: 'ssh', available: true, via: { code: 'ssh-bastion', bastion: 'prod-bastion' } },
    ]);
    expect(web.routeExplanation).toContainEqual({ code: 'agent', agent: { ping: 'Online', version: '3.3.40.0', heardMsAgo: 180_000 } });
    expect(web.routeExplanation).toContainEqual({ code: 'route-ssm' });
    const lost = await inventory.detail('s1', 'i-lost');
    const lostAgent = { ping: 'ConnectionLost', version: '3.3.40.0', heardMsAgo: 180_000 };
    expect(lost.sessions[0]!.reason).toEqual({ code: 'agent', agent: lostAgent });
    expect(sessionNoteInEnglish(lost.sessions[0]!)).toBe('Session Manager needs the SSM agent online; the agent is registered but has lost its connection (agent 3.3.40.0), last heard from 3 minutes ago.');
    expect(lost.routeExplanation).toContainEqual({ code: 'route-note', note: expect.stringContaining('restart it'), noteCode: 'agent-lost' });
    const win = await inventory.detail('s1', 'i-win');
    expect(win.sessions.find((s) => s.kind === 'ssh')).toEqual({ kind: 'ssh', available: false, reason: { code: 'windows' } });
    const stopped = await inventory.detail('s1', 'i-stopped');
    expect(stopped.sessions.every((s) => !s.available && s.reason?.code === 'state' && sessionNoteInEnglish(s) === 'The instance is stopped.')).toBe(true);
    expect(stopped.routeExplanation[0]).toEqual({ code: 'state', state: 'stopped' });
    expect(stopped.routeExplanation.at(-1)).toEqual({ code: 'route-unreachable', reason: 'The instance is stopped.', why: { code: 'state', state: 'stopped' } });
    const island = await inventory.detail('s1', 'i-island');
    expect(island.routeExplanation).toContainEqual({ code: 'no-bastion-in-vpc', vpc: 'vpc-other', tag: 'Role=bastion' });
    expect(island.sessions.find((s) => s.kind === 'ssh')!.reason).toEqual({ code: 'no-bastion', tag: 'Role=bastion', vpc: 'vpc-other' });
    const bastion = await inventory.detail('s1', 'i-bastion');
    expect(bastion.routeExplanation).toContainEqual({ code: 'is-bastion', tag: 'Role=bastion' });
    expect(bastion.routeExplanation).toContainEqual(expect.objectContaining({ code: 'route-bastion', why: expect.objectContaining({ code: 'bastion-self' }) }));
    expect(bastion.routeExplanation.find((s) => s.code === 'route-bastion')).not.toHaveProperty('bastion');
    expect(bastion.sessions.find((s) => s.kind === 'ssh')!.via).toEqual({ code: 'ssh-direct' });

    inventory.noteDenial('s1', 'i-web', { action: 'ssm:StartSession', roleName: 'ReadOnly', message: 'User is not authorized to perform: ssm:StartSession on resource i-web' });
    expect((await inventory.detail('s1', 'i-web')).denial).toMatchObject({ action: 'ssm:StartSession', message: expect.stringContaining('not authorized') });
    await expect(inventory.detail('s1', 'i-nope')).rejects.toMatchObject({ code: 'NotFound' });
  });
});

describe('snapshotInterval', () => {
  it('publishes small inventories a few times a second and 20,000 rows every 2 s while loading', () => {
    expect(snapshotInterval(0)).toBe(SNAPSHOT_INTERVAL_MS);
    expect(snapshotInterval(1_000)).toBe(SNAPSHOT_INTERVAL_MS);
    expect(snapshotInterval(5_000)).toBe(500);
    expect(snapshotInterval(20_000)).toBe(2_000);
    expect(snapshotInterval(1_000_000)).toBe(2_000);
  });
});
