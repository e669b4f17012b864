// Instance inventory across accounts and regions: EC2 DescribeInstances merged with SSM
// DescribeInstanceInformation for every account (through its most privileged session-capable
// role) and region, with bounded concurrency, backoff on throttling, per-account errors that never
// fail the rest, and progress published as each account/region completes.
import { EC2Client, paginateDescribeInstances, type Instance } from '@aws-sdk/client-ec2';
import { SSMClient, paginateDescribeInstanceInformation } from '@aws-sdk/client-ssm';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InventorySnapshotSchema, type InstanceSummary, type InventorySnapshot } from '../../common/api/inventory';
import { writeFileAtomic } from '../platform/atomicFile';
import type { AccountSummary } from '../../common/api/accounts';
import { toErrorValue } from '../../common/api/errors';
import { Emitter, type Event } from '../../common/event';
import { mapWithConcurrency, withBackoff } from '../accounts/concurrency';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { networkOrInternal } from '../auth/oidc';
import { chooseRole, classifyRoute, type RouteFacts } from './route';
import { FumidaiError } from '../../common/api/errors';

/** AWS's many spellings of "denied" and "sign in again" become Fumidai's codes; AWS's message is kept. */
function translateAwsError(e: unknown): Error {
  const name = String((e as { name?: string }).name ?? '');
  const message = (e as Error).message ?? '';
  if (/^(AccessDenied|UnauthorizedOperation|AccessDeniedException|UnauthorizedAccess)/.test(name)) return new FumidaiError('AccessDenied', message || name);
  if (/ExpiredToken|RequestExpired|InvalidClientTokenId|UnrecognizedClient/.test(name)) return new FumidaiError('SsoExpired', 'The role credentials expired or were revoked. Sign in again.');
  return networkOrInternal(e);
}

export const INVENTORY_CONCURRENCY = 8;

export interface InventoryDeps {
  /** Where the last inventory of each session is kept (names, tags, routes — never credentials). */
  cacheDir?: string;
  accounts(sessionId: string): Promise<AccountSummary[]>;
  credentials: Pick<RoleCredentialsService, 'provider'>;
  /** Regions to look in for a session (the SSO region plus the ones the user's config names). */
  regions(sessionId: string): string[];
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (m: string) => void;
}

interface State {
  snapshot: InventorySnapshot;
  loading?: Promise<void>;
  cacheRead?: boolean;
  /** The snapshot came from disk: show it, but refresh it once. */
  fromCache?: boolean;
}

/** An inventory older than this is refreshed in the background when shown. */
export const INVENTORY_STALE_MS = 15 * 60_000;

export class InventoryService {
  private readonly states = new Map<string, State>();
  private readonly didChange = new Emitter<InventorySnapshot>();
  readonly onDidChange: Event<InventorySnapshot> = this.didChange.event;
  private readonly now: () => number;

  constructor(private readonly deps: InventoryDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** What is known now — the on-disk copy at first, with its age — and a refresh when needed. */
  async list(sessionId: string, refresh = false): Promise<InventorySnapshot> {
    const s = this.state(sessionId);
    if (!s.snapshot.fetchedAt && !s.loading && !s.cacheRead) {
      s.cacheRead = true;
      const cached = await this.readCache(sessionId);
      if (cached && !s.snapshot.fetchedAt) s.snapshot = cached;
    }
    const stale = !s.snapshot.fetchedAt || this.now() - s.snapshot.fetchedAt > INVENTORY_STALE_MS || s.fromCache;
    if ((refresh || stale) && !s.loading) {
      s.fromCache = false;
      void this.load(sessionId);
    }
    return s.snapshot;
  }

  async loadAll(sessionId: string): Promise<InventorySnapshot> {
    const s = this.state(sessionId);
    await (s.loading ?? this.load(sessionId));
    return s.snapshot;
  }

  forget(sessionId: string): void {
    this.states.delete(sessionId);
  }

  private state(sessionId: string): State {
    let s = this.states.get(sessionId);
    if (!s) this.states.set(sessionId, (s = { snapshot: { sessionId, instances: [], loading: false, errors: [] } }));
    return s;
  }

  private load(sessionId: string): Promise<void> {
    const s = this.state(sessionId);
    s.loading = this.discover(sessionId, s).finally(() => {
      s.loading = undefined;
      s.snapshot = { ...s.snapshot, loading: false, fetchedAt: this.now() };
      this.didChange.fire(s.snapshot);
      void this.writeCache(sessionId, s.snapshot).catch((e) => this.deps.log?.(`could not cache the inventory: ${(e as Error).message}`));
    });
    return s.loading;
  }

  private cacheFile(sessionId: string): string | undefined {
    return this.deps.cacheDir ? join(this.deps.cacheDir, `inventory-${createHash('sha1').update(sessionId).digest('hex')}.json`) : undefined;
  }

  private async readCache(sessionId: string): Promise<InventorySnapshot | undefined> {
    const file = this.cacheFile(sessionId);
    if (!file) return undefined;
    try {
      const parsed = InventorySnapshotSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success || parsed.data.sessionId !== sessionId) return undefined;
      this.state(sessionId).fromCache = true;
      return { ...parsed.data, loading: false };
    } catch {
      return undefined; // no cache, or an unreadable one: it is only a cache
    }
  }

  private async writeCache(sessionId: string, snapshot: InventorySnapshot): Promise<void> {
    const file = this.cacheFile(sessionId);
    if (file) await writeFileAtomic(file, JSON.stringify({ ...snapshot, progress: undefined }), { mode: 0o600 });
  }

  private async discover(sessionId: string, s: State): Promise<void> {
    const accounts = (await this.deps.accounts(sessionId)).filter((a) => a.roles.length > 0);
    const regions = this.deps.regions(sessionId);
    // Region-major order: one account's regions are far apart, so they never queue behind each
    // other's credential fetch.
    const tasks = regions.flatMap((region) => accounts.map((account) => ({ account, region })));
    // Role credentials are fetched ahead on their own bounded pool, so a task's slot is spent on
    // EC2/SSM calls rather than waiting for GetRoleCredentials.
    void mapWithConcurrency(accounts, INVENTORY_CONCURRENCY, async (account) => {
      await this.deps.credentials.provider(sessionId, account.accountId, chooseRole(account.roles)!)().catch(() => {});
    });
    const found = new Map<string, InstanceSummary[]>();
    const errors: InventorySnapshot['errors'] = [];
    let done = 0;
    s.snapshot = { ...s.snapshot, loading: true, progress: { done, total: tasks.length }, errors: [] };
    this.didChange.fire(s.snapshot);
    let lastPublish = 0;
    await mapWithConcurrency(tasks, INVENTORY_CONCURRENCY, async ({ account, region }) => {
      const roleName = chooseRole(account.roles)!;
      try {
        const list = await this.discoverOne(sessionId, account, roleName, region);
        found.set(`${account.accountId}/${region}`, list);
      } catch (e) {
        const v = toErrorValue(translateAwsError(e));
        errors.push({ accountId: account.accountId, accountName: account.accountName, region, code: v.code, message: v.message });
      }
      done++;
      if (this.now() - lastPublish > 100 || done === tasks.length) {
        lastPublish = this.now();
        s.snapshot = { ...s.snapshot, instances: [...found.values()].flat(), progress: { done, total: tasks.length }, errors: [...errors] };
        this.didChange.fire(s.snapshot);
      }
    });
    s.snapshot = { ...s.snapshot, instances: [...found.values()].flat().sort((a, b) => a.name.localeCompare(b.name)), errors };
  }

  private async discoverOne(sessionId: string, account: AccountSummary, roleName: string, region: string): Promise<InstanceSummary[]> {
    const credentials = this.deps.credentials.provider(sessionId, account.accountId, roleName);
    const ec2 = new EC2Client({ region, credentials });
    const ssm = new SSMClient({ region, credentials });
    const retry = <T>(fn: () => Promise<T>) => withBackoff(fn, { sleep: this.deps.sleep, retryable: (e) => /Throttl|RequestLimitExceeded|TooManyRequests/.test(String((e as Error).name)) });
    const [instances, pings] = await Promise.all([
      retry(async () => {
        const out: Instance[] = [];
        for await (const page of paginateDescribeInstances({ client: ec2 }, {})) for (const r of page.Reservations ?? []) out.push(...(r.Instances ?? []));
        return out;
      }),
      retry(async () => {
        const out = new Map<string, { ping: string; agentVersion?: string }>();
        for await (const page of paginateDescribeInstanceInformation({ client: ssm }, {})) {
          for (const i of page.InstanceInformationList ?? []) if (i.InstanceId) out.set(i.InstanceId, { ping: i.PingStatus ?? 'ConnectionLost', agentVersion: i.AgentVersion });
        }
        return out;
      }),
    ]);
    const facts: RouteFacts[] = instances.map((i) => ({
      instanceId: i.InstanceId ?? '',
      state: i.State?.Name ?? 'unknown',
      vpcId: i.VpcId,
      ping: (pings.get(i.InstanceId ?? '')?.ping as RouteFacts['ping']) ?? 'None',
      tags: Object.fromEntries((i.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    }));
    return instances.map((i, idx) => {
      const f = facts[idx]!;
      return {
        instanceId: f.instanceId,
        name: f.tags.Name ?? f.instanceId,
        accountId: account.accountId,
        accountName: account.accountName,
        environment: account.environment,
        region,
        roleName,
        state: f.state,
        platform: i.PlatformDetails ?? (i.Platform ? 'Windows' : 'Linux/UNIX'),
        ...(i.PrivateIpAddress ? { privateIp: i.PrivateIpAddress } : {}),
        ...(i.PublicIpAddress ? { publicIp: i.PublicIpAddress } : {}),
        ...(i.VpcId ? { vpcId: i.VpcId } : {}),
        ...(i.LaunchTime ? { launchTime: i.LaunchTime.getTime() } : {}),
        tags: f.tags,
        ssm: { ping: f.ping, ...(pings.get(f.instanceId)?.agentVersion ? { agentVersion: pings.get(f.instanceId)!.agentVersion } : {}) },
        route: classifyRoute(f, facts),
      };
    });
  }
}
