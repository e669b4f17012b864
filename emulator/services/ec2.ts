// EC2 (ec2 query protocol, XML responses): DescribeInstances with filters and pagination, and
// DescribeRegions — scoped to the caller's account and region.
import { ApiError, xmlEscape } from '../http/respond';
import type { FixtureInstance } from '../fixture/schema';
import type { RoleCredentials, World } from '../world';

const STATE_CODES: Record<string, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };
const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Query parameters like Filter.1.Name / Filter.1.Value.2 into a list. */
export function parseFilters(form: URLSearchParams): Array<{ name: string; values: string[] }> {
  const filters = new Map<string, { name: string; values: string[] }>();
  for (const [k, v] of form) {
    const m = /^Filter\.(\d+)\.(Name|Value\.\d+)$/.exec(k);
    if (!m) continue;
    const f = filters.get(m[1]!) ?? { name: '', values: [] };
    if (m[2] === 'Name') f.name = v;
    else f.values.push(v);
    filters.set(m[1]!, f);
  }
  return [...filters.values()];
}

const glob = (pattern: string, value: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);

function matches(i: FixtureInstance, f: { name: string; values: string[] }): boolean {
  const any = (v: string | undefined) => v !== undefined && f.values.some((p) => glob(p, v));
  if (f.name.startsWith('tag:')) return any(i.tags[f.name.slice(4)] ?? (f.name === 'tag:Name' ? i.name : undefined));
  switch (f.name) {
    case 'instance-state-name':
      return any(i.state);
    case 'instance-id':
      return any(i.id);
    case 'private-ip-address':
      return any(i.privateIp);
    case 'vpc-id':
      return any(i.vpcId);
    case 'tag-key':
      return Object.keys(i.tags).some((k) => f.values.some((p) => glob(p, k)));
    default:
      throw new ApiError(400, 'InvalidParameterValue', `The filter '${f.name}' is invalid`);
  }
}

function instanceXml(i: FixtureInstance): string {
  const tags = { Name: i.name, ...i.tags };
  return (
    `<item><instanceId>${i.id}</instanceId><imageId>ami-0123456789abcdef0</imageId>` +
    `<instanceState><code>${STATE_CODES[i.state] ?? 16}</code><name>${i.state}</name></instanceState>` +
    `<privateDnsName>ip-${i.privateIp.replace(/\./g, '-')}.${i.region}.compute.internal</privateDnsName>` +
    `<dnsName>${i.publicIp ? `ec2-${i.publicIp.replace(/\./g, '-')}.${i.region}.compute.amazonaws.com` : ''}</dnsName>` +
    `<instanceType>${xmlEscape(i.instanceType)}</instanceType><launchTime>${i.launchTime}</launchTime>` +
    `<placement><availabilityZone>${i.region}a</availabilityZone><tenancy>default</tenancy></placement>` +
    (i.platform === 'Windows' ? '<platform>windows</platform>' : '') +
    `<platformDetails>${i.platform === 'Windows' ? 'Windows' : 'Linux/UNIX'}</platformDetails>` +
    `<privateIpAddress>${i.privateIp}</privateIpAddress>${i.publicIp ? `<ipAddress>${i.publicIp}</ipAddress>` : ''}` +
    `<vpcId>${xmlEscape(i.vpcId)}</vpcId><subnetId>subnet-0a1b2c3d</subnetId><architecture>x86_64</architecture>` +
    `<tagSet>${Object.entries(tags)
      .map(([k, v]) => `<item><key>${xmlEscape(k)}</key><value>${xmlEscape(v)}</value></item>`)
      .join('')}</tagSet></item>`
  );
}

export class Ec2Service {
  constructor(private readonly world: World) {}

  describeInstances(c: RoleCredentials, region: string, form: URLSearchParams): string {
    this.world.authorize(c, 'ec2:DescribeInstances', undefined, 'UnauthorizedOperation');
    const filters = parseFilters(form);
    const ids = [...form.entries()].filter(([k]) => /^InstanceId\.\d+$/.test(k)).map(([, v]) => v);
    let list = this.world.fixture.instances.filter((i) => i.account === c.accountId && i.region === region);
    for (const id of ids) if (!list.some((i) => i.id === id)) throw new ApiError(400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    if (ids.length) list = list.filter((i) => ids.includes(i.id));
    list = list.filter((i) => filters.every((f) => matches(i, f)));
    const max = Number(form.get('MaxResults') ?? '0') || this.world.fixture.pageSizes.instances;
    if (form.get('MaxResults') && (max < 5 || max > 1000)) throw new ApiError(400, 'InvalidParameterValue', 'Value for parameter maxResults is invalid. Expecting a value between 5 and 1000.');
    const start = form.get('NextToken') ? Number.parseInt(Buffer.from(form.get('NextToken')!, 'base64url').toString(), 10) : 0;
    if (!Number.isInteger(start) || start < 0) throw new ApiError(400, 'InvalidParameterValue', 'The NextToken is invalid');
    const pageItems = ids.length ? list : list.slice(start, start + max);
    const next = !ids.length && start + max < list.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
    const reservations = pageItems
      .map((i) => `<item><reservationId>r-${i.id.slice(2)}</reservationId><ownerId>${i.account}</ownerId><groupSet/><instancesSet>${instanceXml(i)}</instancesSet></item>`)
      .join('');
    return `<DescribeInstancesResponse xmlns="${NS}"><requestId>${crypto.randomUUID()}</requestId><reservationSet>${reservations}</reservationSet>${next ? `<nextToken>${next}</nextToken>` : ''}</DescribeInstancesResponse>`;
  }

  describeRegions(c: RoleCredentials): string {
    this.world.authorize(c, 'ec2:DescribeRegions', undefined, 'UnauthorizedOperation');
    const regions = [...new Set([this.world.fixture.organization.ssoRegion, ...this.world.fixture.instances.map((i) => i.region)])].sort();
    return `<DescribeRegionsResponse xmlns="${NS}"><requestId>${crypto.randomUUID()}</requestId><regionInfo>${regions
      .map((r) => `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`)
      .join('')}</regionInfo></DescribeRegionsResponse>`;
  }
}
