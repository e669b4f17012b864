// A fake AWS for the inventory's unit tests: per account × region, the instances EC2 returns and
// the agents SSM knows, with pages, denials and throttling on demand. It records every call.
import type { Instance } from '@aws-sdk/client-ec2';
import type { InstanceInformation as SsmInformation } from '@aws-sdk/client-ssm';
import type { InventoryApi, InventoryApiFactory, Page } from './discovery';

export interface FakeTarget {
  instances: Instance[];
  agents: SsmInformation[];
  pageSize?: number;
  /** Fail EC2 or SSM with this AWS error name and message. */
  ec2Error?: { name: string; message: string };
  ssmError?: { name: string; message: string };
  /** Answer this many calls with ThrottlingException first. */
  throttle?: number;
}

export interface FakeCall {
  api: 'ec2' | 'ssm';
  accountId: string;
  region: string;
  roleName: string;
  nextToken?: string;
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: name.startsWith('Throttl') ? 400 : 403 } });
}

export class FakeAws {
  readonly targets = new Map<string, FakeTarget>();
  readonly calls: FakeCall[] = [];
  inFlight = 0;
  peakInFlight = 0;
  /** Resolves each call after this (a promise you control, or a tick). */
  delay: () => Promise<void> = () => new Promise((r) => setImmediate(r));

  set(accountId: string, region: string, t: FakeTarget): this {
    this.targets.set(`${accountId}/${region}`, t);
    return this;
  }

  readonly factory: InventoryApiFactory = ({ accountId, region, roleName, credentials }) => {
    const call = async <T>(api: 'ec2' | 'ssm', nextToken: string | undefined, pick: (t: FakeTarget) => T[], error: (t: FakeTarget) => FakeTarget['ec2Error']): Promise<Page<T>> => {
      this.calls.push({ api, accountId, region, roleName, ...(nextToken ? { nextToken } : {}) });
      this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
      try {
        await credentials();
        await this.delay();
        const t = this.targets.get(`${accountId}/${region}`) ?? { instances: [], agents: [] };
        if (t.throttle && t.throttle > 0) {
          t.throttle--;
          throw awsError('ThrottlingException', 'Rate exceeded');
        }
        const e = error(t);
        if (e) throw awsError(e.name, e.message);
        const all = pick(t);
        const size = t.pageSize ?? 1000;
        const start = nextToken ? Number(nextToken) : 0;
        const items = all.slice(start, start + size);
        return { items, ...(start + size < all.length ? { nextToken: String(start + size) } : {}) };
      } finally {
        this.inFlight--;
      }
    };
    const api: InventoryApi = {
      describeInstances: (token) => call('ec2', token, (t) => t.instances, (t) => t.ec2Error),
      describeInstanceInformation: (token) => call('ssm', token, (t) => t.agents, (t) => t.ssmError),
      destroy: () => {},
    };
    return api;
  };
}

export function ec2Instance(id: string, name: string, over: Partial<Instance> & { tags?: Record<string, string> } = {}): Instance {
  const { tags, ...rest } = over;
  return {
    InstanceId: id,
    State: { Name: 'running' },
    VpcId: 'vpc-1',
    PrivateIpAddress: '10.0.0.1',
    PlatformDetails: 'Linux/UNIX',
    InstanceType: 't3.micro',
    LaunchTime: new Date('2026-01-02T03:04:05Z'),
    Tags: Object.entries({ Name: name, ...tags }).map(([Key, Value]) => ({ Key, Value })),
    ...rest,
  };
}

export function agent(id: string, ping: 'Online' | 'ConnectionLost' | 'Inactive' = 'Online', version = '3.3.40.0'): SsmInformation {
  return { InstanceId: id, PingStatus: ping, AgentVersion: version, LastPingDateTime: new Date('2026-01-02T04:00:00Z') };
}
