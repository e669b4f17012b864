import { describe, expect, it } from 'vitest';
import { planSshRoute, type InstanceFacts } from './routePlan';
import { SshConfig } from './sshConfig';

const bastion: InstanceFacts = { instanceId: 'i-0b00000000000000b', name: 'bastion-prod', accountId: '111111111111', region: 'eu-west-1', environment: 'production', privateIp: '10.0.0.5', publicIp: '203.0.113.5' };
const target: InstanceFacts = { instanceId: 'i-0a0000000000000a1', name: 'batch-1', accountId: '111111111111', region: 'eu-west-1', environment: 'production', privateIp: '10.0.3.30' };

describe('planSshRoute', () => {
  it('goes to the bastion by its public IP and to the target by its private IP, each filed under its own name', () => {
    const plan = planSshRoute({ target, via: { kind: 'bastion', bastion }, config: SshConfig.empty() });
    expect(plan.transport).toBe('tcp');
    expect(plan.hops).toEqual([
      expect.objectContaining({ role: 'bastion', label: 'bastion-prod (i-0b00000000000000b)', host: '203.0.113.5', port: 22, username: 'ec2-user', hostKeyName: '203.0.113.5' }),
      expect.objectContaining({ role: 'target', label: 'batch-1 (i-0a0000000000000a1)', host: '10.0.3.30', port: 22, username: 'ec2-user', hostKeyName: '10.0.3.30' }),
    ]);
  });

  it('applies ~/.ssh/config found by instance id, Name tag or IP, and the chosen OS user only to the target', () => {
    const config = SshConfig.parse(['Host bastion-prod', '  HostName bastion.example.com', '  Port 2222', '  User admin', 'Host 10.0.3.*', '  User deploy', '  HostKeyAlias batch-alias'].join('\n'));
    const plan = planSshRoute({ target, via: { kind: 'bastion', bastion }, config, osUser: 'ops' });
    expect(plan.hops[0]).toMatchObject({ host: 'bastion.example.com', port: 2222, username: 'admin', hostKeyName: '[bastion.example.com]:2222' });
    expect(plan.hops[1]).toMatchObject({ host: '10.0.3.30', username: 'ops', hostKeyName: 'batch-alias' });
  });

  it('follows ProxyJump chains from the config (a jump host that itself needs a jump) when no bastion is chosen', () => {
    const config = SshConfig.parse(['Host batch-1', '  ProxyJump inner', 'Host inner', '  HostName 10.0.0.9', '  ProxyJump ops@outer.example.com:2200'].join('\n'));
    const plan = planSshRoute({ target, via: { kind: 'direct' }, config });
    expect(plan.hops.map((h) => `${h.username}@${h.host}:${h.port}`)).toEqual(['ops@outer.example.com:2200', 'ec2-user@10.0.0.9:22', 'ec2-user@10.0.3.30:22']);
  });

  it('refuses a ProxyJump loop and a host with no address instead of dialling nothing', () => {
    const loop = SshConfig.parse('Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n');
    expect(() => planSshRoute({ target: 'a', via: { kind: 'direct' }, config: loop })).toThrow(/ProxyJump .* loop/);
    expect(() => planSshRoute({ target: { instanceId: 'i-0c0000000000000c1', accountId: '1', region: 'r' }, via: { kind: 'direct' }, config: SshConfig.empty() })).toThrow(/has no IP address .* no Host entry/);
  });

  it('over Session Manager: one hop, port 22 of the instance, its key filed under the instance id', () => {
    const plan = planSshRoute({ target, via: { kind: 'ssm' }, config: SshConfig.parse('Host i-*\n  User ubuntu\n  Port 2022\n') });
    expect(plan).toEqual({ transport: 'ssm', hops: [expect.objectContaining({ host: target.instanceId, port: 22, username: 'ubuntu', hostKeyName: target.instanceId })] });
  });
});
