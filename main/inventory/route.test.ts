import { describe, expect, it } from 'vitest';
import { chooseRole, classifyRoute, type RouteFacts } from './route';

const inst = (id: string, over: Partial<RouteFacts> = {}): RouteFacts => ({ instanceId: id, state: 'running', vpcId: 'vpc-1', ping: 'Online', tags: {}, ...over });

describe('classifyRoute', () => {
  const bastion = inst('i-b', { ping: 'None', tags: { Role: 'bastion' } });
  it('prefers Session Manager when the agent is online', () => {
    expect(classifyRoute(inst('i-1'), [bastion])).toEqual({ kind: 'ssm' });
  });
  it('falls back to a bastion in the same VPC, saying why', () => {
    expect(classifyRoute(inst('i-2', { ping: 'None' }), [bastion])).toMatchObject({ kind: 'bastion', bastionId: 'i-b', reason: expect.stringContaining('no SSM agent') });
    expect(classifyRoute(inst('i-3', { ping: 'ConnectionLost' }), [bastion])).toMatchObject({ kind: 'bastion', reason: expect.stringContaining('lost its connection') });
  });
  it('is unreachable when stopped or with no bastion in its VPC', () => {
    expect(classifyRoute(inst('i-4', { state: 'stopped' }), [bastion])).toEqual({ kind: 'unreachable', reason: 'The instance is stopped.' });
    expect(classifyRoute(inst('i-5', { ping: 'None', vpcId: 'vpc-2' }), [bastion])).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('no running bastion') });
  });
});

describe('chooseRole', () => {
  it('takes the preferred role, else the most privileged session-capable one', () => {
    expect(chooseRole(['ReadOnly', 'Developer', 'AdministratorAccess'])).toBe('AdministratorAccess');
    expect(chooseRole(['ReadOnly', 'ProductionOperator'])).toBe('ProductionOperator');
    expect(chooseRole(['ReadOnly', 'Developer'])).toBe('Developer');
    expect(chooseRole(['ReadOnly', 'Developer'], 'ReadOnly')).toBe('ReadOnly');
    expect(chooseRole([])).toBeUndefined();
  });
});
