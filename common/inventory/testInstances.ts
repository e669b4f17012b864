// Instances for the pure search/sort tests (not shipped: only *.test.ts import it).
import type { InstanceSummary } from '../api/inventory';

export function instance(over: Partial<InstanceSummary> = {}): InstanceSummary {
  return {
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
    ...over,
  };
}
