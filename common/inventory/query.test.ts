import { describe, expect, it } from 'vitest';
import { matchesInstance, parseInstanceQuery } from './query';
import type { InstanceSummary } from '../api/inventory';

const base: InstanceSummary = {
  instanceId: 'i-0abc',
  name: 'prod-web-1',
  accountId: '111111111111',
  accountName: 'acme-prod',
  environment: 'production',
  region: 'ap-northeast-1',
  roleName: 'Ops',
  state: 'running',
  platform: 'Linux/UNIX',
  privateIp: '10.0.0.5',
  tags: { Role: 'web', Team: 'Payments Core' },
  ssm: { ping: 'Online' },
  route: { kind: 'ssm' },
};

describe('instance query', () => {
  it.each([
    ['web', true],
    ['prod web', true],
    ['10.0.0.5', true],
    ['acme-prod', true],
    ['tag:Role=web', true],
    ['tag:Role=db', false],
    ['tag:Team="Payments Core"', true],
    ['tag:Owner', false],
    ['route:ssm env:prod region:ap-', true],
    ['route:bastion', false],
    ['state:stopped', false],
    ['staging', false],
  ])('%s → %s', (q, expected) => {
    expect(matchesInstance(base, parseInstanceQuery(q))).toBe(expected);
  });

  it('filters 20,000 instances well under 200 ms', () => {
    const many = Array.from({ length: 20_000 }, (_, n) => ({ ...base, instanceId: `i-${n}`, name: `host-${n}`, tags: { Role: n % 7 === 0 ? 'db' : 'web' } }));
    const start = performance.now();
    const q = parseInstanceQuery('host-1 tag:Role=db route:ssm');
    const hits = many.filter((i) => matchesInstance(i, q));
    expect(performance.now() - start).toBeLessThan(200);
    expect(hits.length).toBeGreaterThan(0);
  });
});
