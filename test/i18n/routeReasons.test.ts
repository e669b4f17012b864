// The Instances list says why a host is reached the way it is in the window's language, from the
// structured reason the core sends; the core's English sentence (kept for the CLI) and the
// English catalog must say the same thing, and Japanese must say something for every case.
import { describe, expect, it } from 'vitest';
import { classifyRoute, type RouteFacts } from '../../main/inventory/route';
import { routeReason } from '../../renderer/src/views/InstancesView/routeReason';
import { createTranslator } from '../../renderer/src/i18n/i18n';

const base: RouteFacts = { instanceId: 'i-1', name: 'app', state: 'running', vpcId: 'vpc-1', ping: 'None', tags: {} };
const bastion: RouteFacts = { instanceId: 'i-b', name: 'jump', state: 'running', vpcId: 'vpc-1', ping: 'Online', tags: { Role: 'bastion' } };

const cases: [string, RouteFacts, RouteFacts[]][] = [
  ...['stopped', 'stopping', 'pending', 'shutting-down', 'terminated', 'rebooting'].map((state): [string, RouteFacts, RouteFacts[]] => [state, { ...base, state }, []]),
  ['a bastion itself', { ...base, tags: { Role: 'bastion' } }, []],
  ['via a bastion, agent lost', { ...base, ping: 'ConnectionLost' }, [bastion]],
  ['via a bastion, inactive agent', { ...base, ping: 'Inactive' }, [bastion]],
  ['no bastion, no agent', base, []],
  ['no bastion, agent lost', { ...base, ping: 'ConnectionLost' }, []],
  ['no VPC', { ...base, vpcId: undefined }, [bastion]],
];

describe('route reasons in the window', () => {
  it.each(cases)('%s: English matches the core, Japanese is its own', (_name, facts, neighbours) => {
    const route = classifyRoute(facts, neighbours);
    expect(route.why).toBeDefined();
    expect(routeReason(createTranslator('en'), route)).toBe(route.reason);
    const ja = routeReason(createTranslator('ja'), route)!;
    expect(ja).not.toBe(route.reason);
    expect(ja).not.toMatch(/\{\w+\}/);
    expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('Session Manager routes need no reason; an older cache without codes falls back to the sentence', () => {
    expect(routeReason(createTranslator('ja'), classifyRoute({ ...base, ping: 'Online' }, []))).toBeUndefined();
    expect(routeReason(createTranslator('ja'), { kind: 'unreachable', reason: 'old words' })).toBe('old words');
  });
});
