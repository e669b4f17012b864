import { describe, expect, it } from 'vitest';
import { classifyRoute, findBastion, isBastion, type RouteFacts } from './route';

const inst = (id: string, over: Partial<RouteFacts> = {}): RouteFacts => ({ instanceId: id, state: 'running', vpcId: 'vpc-1', ping: 'Online', tags: {}, ...over });

describe('classifyRoute', () => {
  const bastion = inst('i-b', { name: 'edge', ping: 'None', tags: { Role: 'bastion' } });
  it('prefers Session Manager when the agent is online, bastion or not', () => {
    expect(classifyRoute(inst('i-1'), [bastion])).toEqual({ kind: 'ssm' });
    expect(classifyRoute(inst('i-1', { tags: { Role: 'bastion' } }), [])).toEqual({ kind: 'ssm' });
  });
  it('falls back to a bastion in the same VPC, saying why and which', () => {
    expect(classifyRoute(inst('i-2', { ping: 'None' }), [bastion])).toEqual({
      kind: 'bastion',
      bastionId: 'i-b',
      bastionName: 'edge',
      reason: 'It has no SSM agent registered with Systems Manager; reachable over SSH through bastion edge (i-b).',
      why: { code: 'via-bastion', agent: 'None', bastion: 'edge (i-b)' },
    });
  });
  it('keeps a ConnectionLost host reachable through the bastion, with a note on the agent', () => {
    const r = classifyRoute(inst('i-3', { ping: 'ConnectionLost' }), [bastion]);
    expect(r).toMatchObject({ kind: 'bastion', bastionId: 'i-b', reason: expect.stringContaining('lost its connection'), note: expect.stringContaining('restart it') });
  });
  it('is unreachable when not running, with the state as the reason', () => {
    expect(classifyRoute(inst('i-4', { state: 'stopped' }), [bastion])).toEqual({ kind: 'unreachable', reason: 'The instance is stopped.', why: { code: 'state', state: 'stopped' } });
    expect(classifyRoute(inst('i-4', { state: 'pending' }), [bastion]).reason).toMatch(/starting/);
    expect(classifyRoute(inst('i-4', { state: 'rebooting-oddly' }), [bastion]).reason).toBe('The instance is rebooting-oddly.');
  });
  it('is unreachable without agent and bastion, naming the VPC, the tag and the fix', () => {
    expect(classifyRoute(inst('i-5', { ping: 'None', vpcId: 'vpc-2' }), [bastion])).toEqual({
      kind: 'unreachable',
      reason: 'It has no SSM agent registered with Systems Manager, and no running bastion (tag Role=bastion) is in its VPC vpc-2. Install the SSM agent (with an instance profile allowing Systems Manager), or add a bastion.',
      why: { code: 'no-bastion', agent: 'None', tag: 'Role=bastion', vpc: 'vpc-2' },
    });
    expect(classifyRoute(inst('i-6', { ping: 'ConnectionLost', vpcId: undefined }), [bastion]).reason).toMatch(/has lost its connection.*no VPC.*Restart the SSM agent/);
  });
  it('ignores stopped bastions and bastions in other VPCs', () => {
    const stopped = inst('i-s', { state: 'stopped', tags: { Role: 'bastion' } });
    const elsewhere = inst('i-e', { vpcId: 'vpc-9', tags: { Role: 'bastion' } });
    expect(classifyRoute(inst('i-7', { ping: 'None' }), [stopped, elsewhere]).kind).toBe('unreachable');
  });
  it('reaches a bastion without agent over SSH directly', () => {
    expect(classifyRoute(bastion, [bastion])).toMatchObject({ kind: 'bastion', bastionId: 'i-b', reason: expect.stringContaining('SSH directly') });
  });
  it('recognises bastions by a configurable tag', () => {
    const tag = { key: 'fumidai:bastion', value: 'true' };
    const custom = inst('i-c', { tags: { 'fumidai:bastion': 'TRUE' } });
    expect(isBastion(custom.tags, tag)).toBe(true);
    expect(isBastion({ role: 'bastion' })).toBe(false);
    expect(classifyRoute(inst('i-8', { ping: 'None' }), [bastion, custom], tag)).toMatchObject({ kind: 'bastion', bastionId: 'i-c', reason: expect.stringContaining('i-c') });
  });
  it('prefers a bastion Session Manager can reach, then the lowest id', () => {
    const a = inst('i-a', { ping: 'None', tags: { Role: 'bastion' } });
    const z = inst('i-z', { ping: 'Online', tags: { Role: 'bastion' } });
    expect(findBastion(inst('i-9', { ping: 'None' }), [a, z])?.instanceId).toBe('i-z');
    expect(findBastion(inst('i-9', { ping: 'None' }), [a, { ...z, ping: 'None' }])?.instanceId).toBe('i-a');
  });
});
