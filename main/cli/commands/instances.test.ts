import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../common/api/accounts';
import { FumidaiError } from '../../../common/api/errors';
import type { CliIo } from '../command';
import type { CliServices } from '../services';
import { InventoryService } from '../../inventory/inventoryService';
import { FakeAws, agent, ec2Instance } from '../../inventory/fakeInventoryApi';
import { instancesCommand, terminalSafe } from './instances';

const accounts: AccountSummary[] = [
  { accountId: '111111111111', accountName: 'acme-prod', emailAddress: '', environment: 'production', roles: ['ProductionOperator'], favorite: false },
  { accountId: '222222222222', accountName: 'acme-dev', emailAddress: '', environment: 'development', roles: ['Developer'], favorite: false },
  { accountId: '333333333333', accountName: 'acme-billing', emailAddress: '', environment: 'other', roles: ['Billing'], favorite: false },
];

function setup(over: { expired?: boolean } = {}) {
  const aws = new FakeAws()
    .set('111111111111', 'ap-northeast-1', {
      instances: [ec2Instance('i-a', 'web-10', { PrivateIpAddress: '10.0.0.10', tags: { Role: 'web' } }), ec2Instance('i-b', 'web-2', { tags: { Role: 'bastion' } }), ec2Instance('i-c', 'legacy')],
      agents: [agent('i-a')],
    })
    .set('111111111111', 'us-west-2', { instances: [ec2Instance('i-d', 'dr-web', { State: { Name: 'stopped' } })], agents: [] })
    .set('222222222222', 'ap-northeast-1', { instances: [ec2Instance('i-e', '\u001b[31mevil\u202e name')], agents: [agent('i-e')] })
    .set('333333333333', 'ap-northeast-1', { instances: [], agents: [], ec2Error: { name: 'UnauthorizedOperation', message: 'not authorized to perform: ec2:DescribeInstances' } })
    .set('333333333333', 'us-west-2', { instances: [], agents: [], ec2Error: { name: 'UnauthorizedOperation', message: 'not authorized to perform: ec2:DescribeInstances' } });
  const credentials = {
    provider: () => async () => {
      if (over.expired) throw new FumidaiError('SsoExpired', 'Sign in again.');
      return { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', expiration: new Date(Date.now() + 3_600_000) };
    },
  };
  const inventory = new InventoryService({ accounts: async () => accounts, credentials, regions: () => ['ap-northeast-1', 'us-west-2'], api: aws.factory, sleep: async () => {} });
  const svc = {
    auth: { reload: async () => ({ sessions: [{ id: 's1', name: 's1', startUrl: 'https://x.awsapps.com/start', region: 'ap-northeast-1', source: 'sso-session', state: 'signed-in', canRefresh: true }] }) },
    accounts: { loadAll: async () => ({ sessionId: 's1', accounts, loading: false }) },
    credentials,
    inventory,
    openBrowser: async () => {},
    dispose: async () => {},
  } as unknown as CliServices;
  return { aws, command: instancesCommand(async () => svc) };
}

async function run(args: string[], over: { expired?: boolean } = {}) {
  const { aws, command } = setup(over);
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: {}, interrupted: new Promise(() => {}) };
  const code = await command.run(args, io).catch((e: Error & { exitCode?: number; code?: string }) => {
    err += e.message;
    return e.exitCode ?? (e.code === 'SsoExpired' ? 3 : 1);
  });
  return { code, out, err, aws };
}

describe('fumidai instances', () => {
  it('lists every instance sorted naturally with its access, and warns per denied account', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+INSTANCE\s+ACCOUNT\s+REGION\s+STATE\s+PRIVATE IP\s+ACCESS$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['\\u001b[31mevil\\u202e', 'dr-web', 'legacy', 'web-2', 'web-10']);
    expect(r.out).toMatch(/legacy\s+i-c\s+acme-prod\s+ap-northeast-1\s+running\s+10\.0\.0\.1\s+ssh via web-2/);
    expect(r.out).toMatch(/web-10 .* ssm$/m);
    expect(r.err).toContain('warning: acme-billing (333333333333) ap-northeast-1 as Billing: AccessDenied: not authorized to perform: ec2:DescribeInstances');
    expect(r.out).not.toContain('\u001b');
  });

  it('filters with the query language and the --account/--region options, asking only those', async () => {
    const q = await run(['route:ssm', 'tag:Role=web']);
    expect(q.out.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/)[1])).toEqual(['i-a']);
    const scoped = await run(['--account', 'acme-prod', '--region', 'us-west-2', '--json']);
    expect(JSON.parse(scoped.out).map((i: { instanceId: string }) => i.instanceId)).toEqual(['i-d']);
    expect(new Set(scoped.aws.calls.map((c) => `${c.accountId}/${c.region}`))).toEqual(new Set(['111111111111/us-west-2']));
  });

  it('exits 1 when nothing matches, saying so, and warns about query mistakes', async () => {
    const r = await run(['route:sssm', 'nothing-like-this']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('route:sssm is not a route');
    expect(r.err).toContain("No instance matches 'route:sssm nothing-like-this'");
  });

  it('exits 2 for bad options and unknown accounts, 3 when the sign-in expired', async () => {
    expect((await run(['--sort', 'colour'])).code).toBe(2);
    expect((await run(['--region', 'tokyo'])).code).toBe(2);
    expect((await run(['--bogus'])).code).toBe(2);
    const unknown = await run(['--account', 'acme']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Did you mean acme-prod (111111111111), acme-dev (222222222222), acme-billing (333333333333)?');
    expect((await run([], { expired: true })).code).toBe(3);
  });

  it('shows the reason and agent with --wide, and fails when nothing could be listed', async () => {
    const wide = await run(['--wide', 'dr-web']);
    expect(wide.out).toMatch(/ENV\s+ROLE\s+SSM AGENT\s+WHY/);
    expect(wide.out).toContain('The instance is stopped.');
    const denied = await run(['--account', '333333333333']);
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('no account or region could be listed');
  });

  it('explains each listed instance step by step with --explain, in English', async () => {
    const r = await run(['--explain', 'legacy']);
    expect(r.code).toBe(0);
    const [, ...explained] = r.out.split('\n\n');
    expect(explained.join('\n\n').trimEnd().split('\n')).toEqual([
      'legacy (i-c)',
      '  State: running.',
      '  SSM agent: none registered with Systems Manager in this account and region.',
      '  Bastion in vpc-1: web-2 (i-b, 10.0.0.1).',
      '  Route: SSH through bastion web-2. It has no SSM agent registered with Systems Manager; reachable over SSH through bastion web-2 (i-b).',
      '  Sessions:',
      '    shell: not possible: Session Manager needs the SSM agent online; no agent is registered with Systems Manager in this account and region.',
      '    port-forward: not possible: Session Manager needs the SSM agent online; no agent is registered with Systems Manager in this account and region.',
      '    ssh: SSH via web-2',
    ]);
    const stopped = await run(['--explain', 'dr-web']);
    expect(stopped.out).toContain('  State: stopped. Start the instance to connect.\n');
    expect(stopped.out).toContain('    ssh: not possible: The instance is stopped.\n');
    const both = await run(['--explain', '--json']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--explain writes text');
  });

  it('neutralises terminal control characters', () => {
    expect(terminalSafe('a\u001b]0;pwned\u0007b\u202e')).toBe('a\\u001b]0;pwned\\u0007b\\u202e');
    expect(terminalSafe('日本語 🚀')).toBe('日本語 🚀');
  });
});
