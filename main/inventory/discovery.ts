// One account × region of the inventory: every EC2 instance (DescribeInstances) merged with what
// Systems Manager knows of its agent (DescribeInstanceInformation), with the access route of
// each. Pages are fetched one by one, each retried on its own with backoff, so a throttled page
// late in a big account does not restart the listing.
import type { DescribeInstancesCommandOutput, EC2Client, Instance } from '@aws-sdk/client-ec2';
import type { DescribeInstanceInformationCommandOutput, InstanceInformation, SSMClient } from '@aws-sdk/client-ssm';
import { ec2Sdk, lazily, ssmSdk } from '../aws/sdkModules';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import type { AccountSummary } from '../../common/api/accounts';
import type { InstanceSummary, SsmPing } from '../../common/api/inventory';
import { SSM_PING_STATUSES } from '../../common/api/inventory';
import { withBackoff } from '../accounts/concurrency';
import { isThrottling, isTransient, translateInventoryError } from './awsErrors';
import { classifyRoute, isBastion, type BastionTag, type RouteFacts } from './route';
import { sdkUserAgent } from '../aws/deviceAgent';

export interface Page<T> {
  items: T[];
  nextToken?: string;
  /** How many attempts the SDK itself needed (more than one: AWS throttled or failed). */
  attempts?: number;
}

/** The two calls discovery makes, behind an interface so tests can fake AWS. */
export interface InventoryApi {
  describeInstances(nextToken?: string): Promise<Page<Instance>>;
  describeInstanceInformation(nextToken?: string): Promise<Page<InstanceInformation>>;
  /** Releases sockets. */
  destroy(): void;
}

export interface InventoryTarget {
  accountId: string;
  roleName: string;
  region: string;
  credentials: ReturnType<RoleCredentialsService['provider']>;
}

export type InventoryApiFactory = (target: InventoryTarget) => InventoryApi;

export interface PageSizes {
  /** EC2 allows 5–1000 instances a page; SSM 5–50. The largest mean the fewest calls. */
  ec2?: number;
  ssm?: number;
}

/** The real thing: AWS SDK v3 clients; endpoints come from the SDK's own configuration (AWS_ENDPOINT_URL…). */
export const createSdkInventoryApi = (pageSizes: PageSizes = {}): InventoryApiFactory => ({ region, credentials }) => {
  const ec2PageSize = pageSizes.ec2 ?? 1000;
  const ssmPageSize = pageSizes.ssm ?? 50;
  let ec2: EC2Client | undefined;
  let ssm: SSMClient | undefined;
  const ec2Api = lazily(async () => {
    const sdk = await ec2Sdk();
    ec2 = new sdk.EC2Client({ region, credentials, customUserAgent: sdkUserAgent() });
    return { client: ec2, sdk };
  });
  const ssmApi = lazily(async () => {
    const sdk = await ssmSdk();
    ssm = new sdk.SSMClient({ region, credentials, customUserAgent: sdkUserAgent() });
    return { client: ssm, sdk };
  });
  return {
    async describeInstances(nextToken) {
      const { client, sdk } = await ec2Api();
      const out: DescribeInstancesCommandOutput = await client.send(new sdk.DescribeInstancesCommand({ MaxResults: ec2PageSize, ...(nextToken ? { NextToken: nextToken } : {}) }));
      return { items: (out.Reservations ?? []).flatMap((r) => r.Instances ?? []), nextToken: out.NextToken || undefined, attempts: out.$metadata.attempts };
    },
    async describeInstanceInformation(nextToken) {
      const { client, sdk } = await ssmApi();
      const out: DescribeInstanceInformationCommandOutput = await client.send(new sdk.DescribeInstanceInformationCommand({ MaxResults: ssmPageSize, ...(nextToken ? { NextToken: nextToken } : {}) }));
      return { items: out.InstanceInformationList ?? [], nextToken: out.NextToken || undefined, attempts: out.$metadata.attempts };
    },
    destroy() {
      ec2?.destroy();
      ssm?.destroy();
    },
  };
};

export const sdkInventoryApi: InventoryApiFactory = createSdkInventoryApi();

export interface DiscoveryOptions {
  bastionTag: BastionTag;
  /** Told when AWS throttled (so the caller can slow down) and when a call went through. */
  onThrottle?: () => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Most pages to follow per call, against a NextToken that never ends. */
  maxPages?: number;
}

export interface DiscoveryResult {
  instances: InstanceSummary[];
  /** Systems Manager could not be asked (denied): the instances are listed without agent status. */
  ssmError?: { code: string; message: string };
}

async function allPages<T>(fetchPage: (token?: string) => Promise<Page<T>>, action: string, o: DiscoveryOptions): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  for (let n = 0; n < (o.maxPages ?? 1000); n++) {
    const page = await withBackoff(() => fetchPage(token), {
      sleep: o.sleep,
      random: o.random,
      retryable: (e) => {
        if (isThrottling(e)) o.onThrottle?.();
        return isTransient(e);
      },
    }).catch((e: unknown) => {
      throw translateInventoryError(e, action);
    });
    if ((page.attempts ?? 1) > 1) o.onThrottle?.();
    items.push(...page.items);
    if (!page.nextToken || seen.has(page.nextToken)) return items;
    seen.add(page.nextToken);
    token = page.nextToken;
  }
  return items;
}

function pingOf(info: InstanceInformation | undefined): SsmPing {
  if (!info) return 'None';
  const p = info.PingStatus as SsmPing | undefined;
  return p && (SSM_PING_STATUSES as readonly string[]).includes(p) ? p : 'ConnectionLost';
}

function platformOf(i: Instance, info: InstanceInformation | undefined): string {
  if (i.PlatformDetails) return i.PlatformDetails;
  if (i.Platform) return 'Windows';
  if (info?.PlatformName) return `${info.PlatformName}${info.PlatformVersion ? ` ${info.PlatformVersion}` : ''}`;
  return 'Linux/UNIX';
}

/** Lists one account and region and merges EC2 with SSM. Throws (translated) when EC2 fails. */
export async function discoverTarget(api: InventoryApi, account: AccountSummary, roleName: string, region: string, o: DiscoveryOptions): Promise<DiscoveryResult> {
  const [instances, ssm] = await Promise.all([
    allPages((t) => api.describeInstances(t), 'ec2:DescribeInstances', o),
    allPages((t) => api.describeInstanceInformation(t), 'ssm:DescribeInstanceInformation', o).then(
      (list) => ({ list, error: undefined }),
      (e: Error & { code?: string }) => ({ list: [] as InstanceInformation[], error: e }),
    ),
  ]);
  const agents = new Map<string, InstanceInformation>();
  for (const info of ssm.list) if (info.InstanceId) agents.set(info.InstanceId, info);
  // A denied SSM listing still shows the instances; any other SSM failure fails the target too.
  const ssmError = ssm.error ? translateInventoryError(ssm.error, 'ssm:DescribeInstanceInformation') : undefined;
  if (ssmError && ssmError.code !== 'AccessDenied') throw ssmError;

  const facts: RouteFacts[] = instances.map((i) => {
    const tags: Record<string, string> = {};
    for (const t of i.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
    const id = i.InstanceId ?? '';
    return { instanceId: id, name: tags.Name || id, state: i.State?.Name ?? 'unknown', vpcId: i.VpcId, ping: pingOf(agents.get(id)), tags };
  });
  const bastions = facts.filter((f) => isBastion(f.tags, o.bastionTag));
  const result = instances.map((i, n): InstanceSummary => {
    const f = facts[n]!;
    const info = agents.get(f.instanceId);
    let route = classifyRoute(f, bastions, o.bastionTag);
    if (ssmError && route.kind !== 'ssm') {
      route = { ...route, note: `Systems Manager could not be asked about this instance's agent with ${roleName}: ${ssmError.message}` };
    }
    return {
      instanceId: f.instanceId,
      name: f.name ?? f.instanceId,
      accountId: account.accountId,
      accountName: account.accountName,
      environment: account.environment,
      region,
      roleName,
      state: f.state,
      platform: platformOf(i, info),
      ...(i.PrivateIpAddress ? { privateIp: i.PrivateIpAddress } : {}),
      ...(i.PublicIpAddress ? { publicIp: i.PublicIpAddress } : {}),
      ...(i.VpcId ? { vpcId: i.VpcId } : {}),
      ...(i.InstanceType ? { instanceType: i.InstanceType } : {}),
      ...(i.LaunchTime ? { launchTime: new Date(i.LaunchTime).getTime() } : {}),
      tags: f.tags,
      ssm: {
        ping: f.ping,
        ...(info?.AgentVersion ? { agentVersion: info.AgentVersion } : {}),
        ...(info?.LastPingDateTime ? { lastPingAt: new Date(info.LastPingDateTime).getTime() } : {}),
      },
      route,
      ...(isBastion(f.tags, o.bastionTag) ? { isBastion: true } : {}),
    };
  });
  result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.instanceId < b.instanceId ? -1 : 1));
  return { instances: result, ...(ssmError ? { ssmError: { code: ssmError.code, message: ssmError.message } } : {}) };
}
