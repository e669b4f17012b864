import { describe, expect, it } from 'vitest';
import type { InstanceDetail } from '../../../common/api/inventory';
import { bastionRoute, listSshRoute, quickConnectRoute } from './sshRoute';

const detail = (route: 'ssm' | 'bastion' | 'unreachable', sshAvailable: boolean, bastionId?: string, instanceId = 'i-0a11111111111111d') =>
  ({
    instance: { instanceId, route: { kind: route } },
    sessions: [
      { kind: 'shell', available: route === 'ssm' },
      { kind: 'ssh', available: sshAvailable },
    ],
    ...(bastionId ? { bastion: { instanceId: bastionId, name: 'prod-bastion' } } : {}),
  }) as unknown as InstanceDetail;

describe('SSH routes from a host detail', () => {
  it('goes through the bastion, or straight to a host that is the bastion', () => {
    expect(bastionRoute(detail('bastion', true, 'i-0a11111111111111c'))).toEqual({ via: 'bastion', bastionId: 'i-0a11111111111111c' });
    expect(bastionRoute(detail('bastion', true, 'i-0a11111111111111c', 'i-0a11111111111111c'))).toEqual({ via: 'direct' });
    expect(bastionRoute(detail('bastion', false, 'i-0a11111111111111c'))).toBeUndefined();
    expect(bastionRoute(detail('unreachable', true))).toBeUndefined();
  });

  it('quick-connects over SSH only where Session Manager cannot reach the host', () => {
    expect(quickConnectRoute(detail('bastion', true, 'i-0a11111111111111c'))).toEqual({ via: 'bastion', bastionId: 'i-0a11111111111111c' });
    expect(quickConnectRoute(detail('ssm', true, 'i-0a11111111111111c'))).toBeUndefined();
    expect(quickConnectRoute(detail('unreachable', false))).toBeUndefined();
    expect(quickConnectRoute(undefined)).toBeUndefined();
  });

  it("offers the list's SSH button only on hosts whose route goes through a bastion", () => {
    const id = 'i-0c33333333333333d';
    expect(listSshRoute({ instanceId: id, route: { kind: 'bastion', bastionId: 'i-0c33333333333333c' } })).toEqual({ via: 'bastion', bastionId: 'i-0c33333333333333c' });
    expect(listSshRoute({ instanceId: id, route: { kind: 'bastion', bastionId: id } })).toEqual({ via: 'direct' });
    expect(listSshRoute({ instanceId: id, route: { kind: 'ssm' } })).toBeUndefined();
    expect(listSshRoute({ instanceId: id, route: { kind: 'unreachable' } })).toBeUndefined();
  });
});
