// Instance inventory across accounts and regions. For every account (through the role the user
// chose for it, else its most privileged one) and every region searched, EC2 is merged with SSM
// (see discovery.ts). Targets run with bounded, adaptive concurrency; each one is published as it
// completes, with its rows, so the list fills while the rest load. A denied account or region is
// recorded with AWS's message and never fails the others. The last inventory is kept on disk and
// shown at once at the next start while it is refreshed (stale-while-revalidate); one account or
// one region can be refreshed on its own.
import type { AccountSummary } from '../../common/api/accounts';
import type {
  InstanceDetail,
  InstanceSummary,
  InventoryError,
  InventoryPreferences,
  InventorySnapshot,
  InventoryTarget,
  InventoryTargetLoaded,
} from '../../common/api/inventory';
import { FumidaiError, toErrorValue } from '../../common/api/errors';
import { Emitter, type Event } from '../../common/event';
import { chooseRole } from '../../common/inventory/roleRanking';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { AdaptiveLimiter } from './adaptiveLimiter';
import { buildInstanceDetail, type Denial } from './detail';
import { discoverTarget, sdkInventoryApi, type InventoryApiFactory } from './discovery';
import { InventoryCache } from './inventoryCache';
import { InventoryPreferencesStore, type PreferencesPatch } from './inventoryPreferences';
import { classifyRoute, isBastion, type BastionTag, type RouteFacts } from './route';

/** Account × region listings in flight at most (lowered while AWS throttles). */
export const INVENTORY_CONCURRENCY = 8;
/** An inventory older than this is refreshed in the background when shown. */
export const INVENTORY_STALE_MS = 15 * 60_000;
/** Whole snapshots are published at most this often while loading (rows stream per target). */
export const SNAPSHOT_INTERVAL_MS = 250;
/**
 * A large inventory is published less often while it loads: each whole snapshot is validated,
 * serialised and parsed again by every window (~15 ms per 1,000 rows on each side), while its
 * rows have already gone out with onDidLoadTarget. 20,000 rows: every 2 s instead of 4 times a second.
 */
export function snapshotInterval(instanceCount: number): number {
  return Math.max(SNAPSHOT_INTERVAL_MS, Math.min(2_000, Math.round(instanceCount / 10)));
}

export interface InventoryDeps {
  /** Where the last inventory of each session is kept (names, tags, routes — never credentials). */
  cacheDir?: string;
  accounts(sessionId: string): Promise<AccountSummary[]>;
  credentials: Pick<RoleCredentialsService, 'provider'>;
  /** The default regions of a session: the SSO region plus the ones the user's config names. */
  regions(sessionId: string): string[];
  /** The user's choices (roles, regions, bastion tag); in memory when absent. */
  preferences?: InventoryPreferencesStore;
  /** How AWS is called (tests pass fakes). */
  api?: InventoryApiFactory;
  concurrency?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: (m: string) => void;
}

export interface RefreshScope {
  accountId?: string;
  region?: string;
}

interface TargetState {
  account: AccountSummary;
  region: string;
  roleName?: string;
  status: InventoryTarget['status'];
  instances: InstanceSummary[];
  fetchedAt?: number;
  error?: { code: string; message: string };
  /** Systems Manager was denied but EC2 answered: rows are shown, the denial is reported. */
  partialError?: { code: string; message: string };
  /** Which run may still write this target (a later run supersedes an earlier one). */
  runId: number;
}

interface Run {
  id: number;
  full: boolean;
  done: number;
  total: number;
  promise: Promise<void>;
  /** Set when every remaining target would fail the same way (the sign-in expired). */
  fatal?: FumidaiError;
}

interface SessionState {
  sessionId: string;
  targets: Map<string, TargetState>;
  regions: string[];
  accounts: Map<string, AccountSummary>;
  fetchedAt?: number;
  fromCache: boolean;
  /** The cached copy has been revalidated (or a run started) since this process started. */
  revalidated: boolean;
  cacheRead?: Promise<void>;
  runs: Set<Run>;
  error?: { code: string; message: string };
  limiter: AdaptiveLimiter;
  denials: Map<string, Denial>;
  snapshot?: InventorySnapshot;
  publishTimer?: ReturnType<typeof setTimeout>;
  lastPublish: number;
  cacheWrite: Promise<void>;
}

const keyOf = (accountId: string, region: string) => `${accountId}/${region}`;

export class InventoryService {
  private readonly states = new Map<string, SessionState>();
  private readonly didChange = new Emitter<InventorySnapshot>();
  private readonly didLoadTarget = new Emitter<InventoryTargetLoaded>();
  /** The whole snapshot: at the start and end of a refresh, and a few times a second between. */
  readonly onDidChange: Event<InventorySnapshot> = this.didChange.event;
  /** One account × region listed (or failed), with its rows. */
  readonly onDidLoadTarget: Event<InventoryTargetLoaded> = this.didLoadTarget.event;
  private readonly now: () => number;
  private readonly cache?: InventoryCache;
  private readonly prefs: InventoryPreferencesStore;
  private readonly api: InventoryApiFactory;
  private readonly log: (m: string) => void;
  private nextRunId = 1;

  constructor(private readonly deps: InventoryDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => {});
    this.cache = deps.cacheDir ? new InventoryCache(deps.cacheDir, this.log) : undefined;
    this.prefs = deps.preferences ?? InventoryPreferencesStore.inMemory();
    this.api = deps.api ?? sdkInventoryApi;
  }

  // ---- reading ------------------------------------------------------------------------------

  /** What is known now — the on-disk copy at first, with its age — and a refresh when needed. */
  async list(sessionId: string, refresh = false): Promise<InventorySnapshot> {
    const s = this.state(sessionId);
    await this.readCacheOnce(s);
    const stale = !s.fetchedAt || this.now() - s.fetchedAt > INVENTORY_STALE_MS || !s.revalidated;
    if ((refresh || stale) && !this.fullRun(s)) this.startRun(s, undefined);
    return this.snapshot(s);
  }

  /** The inventory as last kept on disk (or in memory), without asking AWS. */
  async cached(sessionId: string): Promise<InventorySnapshot> {
    const s = this.state(sessionId);
    await this.readCacheOnce(s);
    return this.snapshot(s);
  }

  /** Starts a refresh of everything, one account, or one region, and returns at once. */
  async refresh(sessionId: string, scope?: RefreshScope): Promise<InventorySnapshot> {
    const s = this.state(sessionId);
    await this.readCacheOnce(s);
    if (!scope?.accountId && !scope?.region) {
      if (!this.fullRun(s)) this.startRun(s, undefined);
    } else {
      this.startRun(s, scope);
    }
    return this.snapshot(s);
  }

  /** A fresh inventory (everything, or one account/region), resolved when it is complete. */
  async discover(sessionId: string, scope?: RefreshScope): Promise<InventorySnapshot> {
    const s = this.state(sessionId);
    await this.readCacheOnce(s);
    const scoped = !!(scope?.accountId || scope?.region);
    const run = (!scoped && this.fullRun(s)) || this.startRun(s, scoped ? scope : undefined);
    await run.promise;
    if (run.fatal) throw run.fatal;
    return this.snapshot(s);
  }

  /** The whole inventory, waiting for a refresh (the one under way, or a new one). */
  async loadAll(sessionId: string): Promise<InventorySnapshot> {
    return this.discover(sessionId);
  }

  async detail(sessionId: string, instanceId: string): Promise<InstanceDetail> {
    const s = this.state(sessionId);
    await this.readCacheOnce(s);
    for (const t of s.targets.values()) {
      const i = t.instances.find((x) => x.instanceId === instanceId);
      if (!i) continue;
      const prefs = await this.prefs.get(sessionId);
      const denial =
        s.denials.get(instanceId) ??
        (t.partialError ? { action: 'ssm:DescribeInstanceInformation', roleName: t.roleName, message: t.partialError.message, at: t.fetchedAt ?? this.now() } : undefined);
      return buildInstanceDetail(i, {
        neighbours: t.instances,
        roles: (s.accounts.get(i.accountId) ?? t.account).roles,
        bastionTag: prefs.bastionTag,
        ...(denial ? { denial } : {}),
        now: this.now(),
      });
    }
    throw new FumidaiError('NotFound', `${instanceId} is not in the inventory of this session. Refresh it, or check that its account and region are searched.`);
  }

  /** An instance as last listed (from memory, no AWS call); undefined when unknown. */
  find(sessionId: string, instanceId: string): InstanceSummary | undefined {
    for (const t of this.states.get(sessionId)?.targets.values() ?? []) {
      const i = t.instances.find((x) => x.instanceId === instanceId);
      if (i) return i;
    }
    return undefined;
  }

  /** Instances as last listed with this Name tag in one account and region (a configured bastion). */
  findByName(sessionId: string, accountId: string, region: string, name: string): InstanceSummary[] {
    const out: InstanceSummary[] = [];
    for (const t of this.states.get(sessionId)?.targets.values() ?? []) out.push(...t.instances.filter((x) => x.name === name && x.accountId === accountId && x.region === region));
    return out;
  }

  /** Remembers AWS's refusal for an instance (e.g. StartSession denied) for its detail panel. */
  noteDenial(sessionId: string, instanceId: string, denial: Omit<Denial, 'at'> & { at?: number }): void {
    this.state(sessionId).denials.set(instanceId, { ...denial, at: denial.at ?? this.now() });
  }

  // ---- preferences --------------------------------------------------------------------------

  async preferences(sessionId: string): Promise<InventoryPreferences> {
    const p = await this.prefs.get(sessionId);
    return { roles: p.roles, defaultRegions: this.defaultRegions(sessionId), ...(p.regions ? { regions: p.regions } : {}), bastionTag: p.bastionTag };
  }

  /**
   * Changes the role of some accounts (they are listed again with it), the regions (a full
   * refresh follows) or the bastion tag (routes are recomputed from what is known, no AWS call).
   */
  async setPreferences(sessionId: string, patch: PreferencesPatch): Promise<InventoryPreferences> {
    const s = this.state(sessionId);
    for (const [accountId, role] of Object.entries(patch.roles ?? {})) {
      const account = s.accounts.get(accountId);
      if (role !== null && account && !account.roles.includes(role)) {
        throw new FumidaiError('InvalidRequest', `${account.accountName} (${accountId}) offers ${account.roles.join(', ') || 'no role'}; ${role} is not one of them.`);
      }
    }
    const before = await this.prefs.get(sessionId);
    const after = await this.prefs.update(sessionId, patch);
    if (patch.regions !== undefined && JSON.stringify(before.regions) !== JSON.stringify(after.regions)) {
      if (!this.fullRun(s)) this.startRun(s, undefined);
    } else {
      for (const accountId of Object.keys(patch.roles ?? {})) if (s.accounts.has(accountId)) this.startRun(s, { accountId });
    }
    if (patch.bastionTag && (before.bastionTag.key !== after.bastionTag.key || before.bastionTag.value !== after.bastionTag.value)) {
      for (const t of s.targets.values()) t.instances = reclassify(t.instances, after.bastionTag);
      this.changed(s, true);
      this.writeCache(s);
    }
    return this.preferences(sessionId);
  }

  /** Drops what is in memory for a session (sign-out). The on-disk copy stays for the next sign-in. */
  forget(sessionId: string): void {
    const s = this.states.get(sessionId);
    if (s?.publishTimer) clearTimeout(s.publishTimer);
    this.states.delete(sessionId);
  }

  // ---- state --------------------------------------------------------------------------------

  private state(sessionId: string): SessionState {
    let s = this.states.get(sessionId);
    if (!s) {
      s = {
        sessionId,
        targets: new Map(),
        regions: [],
        accounts: new Map(),
        fromCache: false,
        revalidated: false,
        runs: new Set(),
        limiter: new AdaptiveLimiter({ max: this.deps.concurrency ?? INVENTORY_CONCURRENCY, now: this.now }),
        denials: new Map(),
        lastPublish: 0,
        cacheWrite: Promise.resolve(),
      };
      this.states.set(sessionId, s);
    }
    return s;
  }

  private defaultRegions(sessionId: string): string[] {
    return [...new Set(this.deps.regions(sessionId).filter(Boolean))];
  }

  private fullRun(s: SessionState): Run | undefined {
    for (const r of s.runs) if (r.full) return r;
    return undefined;
  }

  private readCacheOnce(s: SessionState): Promise<void> {
    s.cacheRead ??= (async () => {
      const cached = await this.cache?.read(s.sessionId);
      if (!cached || s.targets.size > 0) return;
      const byTarget = new Map<string, InstanceSummary[]>();
      for (const i of cached.instances) {
        const k = keyOf(i.accountId, i.region);
        (byTarget.get(k) ?? byTarget.set(k, []).get(k)!).push(i);
      }
      for (const t of cached.targets) {
        const account: AccountSummary = { accountId: t.accountId, accountName: t.accountName, emailAddress: '', environment: byTarget.get(keyOf(t.accountId, t.region))?.[0]?.environment ?? 'other', roles: t.roleName ? [t.roleName] : [], favorite: false };
        const partial = cached.errors.find((e) => e.accountId === t.accountId && e.region === t.region && t.status === 'done');
        s.targets.set(keyOf(t.accountId, t.region), {
          account,
          region: t.region,
          ...(t.roleName ? { roleName: t.roleName } : {}),
          status: t.status === 'error' ? 'error' : 'done',
          instances: byTarget.get(keyOf(t.accountId, t.region)) ?? [],
          ...(t.fetchedAt ? { fetchedAt: t.fetchedAt } : {}),
          ...(t.error ? { error: t.error } : {}),
          ...(partial ? { partialError: { code: partial.code, message: partial.message } } : {}),
          runId: 0,
        });
      }
      s.regions = cached.regions;
      s.fetchedAt = cached.fetchedAt;
      s.fromCache = true;
      this.changed(s, false);
    })();
    return s.cacheRead;
  }

  // ---- running ------------------------------------------------------------------------------

  private startRun(s: SessionState, scope: RefreshScope | undefined): Run {
    const run: Run = { id: this.nextRunId++, full: !scope, done: 0, total: 0, promise: Promise.resolve() };
    s.runs.add(run);
    s.revalidated = true;
    run.promise = this.execute(s, run, scope)
      .catch((e: unknown) => {
        const v = toErrorValue(e);
        s.error = { code: v.code, message: v.message };
        run.fatal = e instanceof FumidaiError ? e : new FumidaiError(v.code, v.message);
        this.log(`inventory of ${s.sessionId}: ${v.message}`);
      })
      .finally(() => {
        s.runs.delete(run);
        this.changed(s, true);
        this.writeCache(s);
      });
    this.changed(s, true);
    return run;
  }

  private async execute(s: SessionState, run: Run, scope: RefreshScope | undefined): Promise<void> {
    const accounts = await this.deps.accounts(s.sessionId);
    const prefs = await this.prefs.get(s.sessionId);
    const regions = prefs.regions ?? this.defaultRegions(s.sessionId);
    for (const a of accounts) s.accounts.set(a.accountId, a);
    if (scope?.accountId && !accounts.some((a) => a.accountId === scope.accountId)) {
      throw new FumidaiError('NotFound', `Account ${scope.accountId} is not among the accounts this session may use.`);
    }
    if (!scope) {
      s.regions = regions;
      s.error = undefined;
      // Rows of accounts and regions no longer searched go; the others stay until replaced.
      const wanted = new Set(accounts.flatMap((a) => regions.map((r) => keyOf(a.accountId, r))));
      for (const k of [...s.targets.keys()]) if (!wanted.has(k)) s.targets.delete(k);
    }
    const scopeRegions = scope?.region ? [scope.region] : regions;
    const scopeAccounts = scope?.accountId ? accounts.filter((a) => a.accountId === scope.accountId) : accounts;
    // Region-major: one account's regions are far apart in the queue, so they do not wait on
    // each other's credentials, and the first rows come from as many accounts as possible.
    const work = scopeRegions.flatMap((region) => scopeAccounts.map((account) => ({ account, region })));
    const planned: Array<{ account: AccountSummary; region: string; t: TargetState }> = [];
    for (const { account, region } of work) {
      const roleName = chooseRole(account.roles, prefs.roles[account.accountId]);
      if (!roleName && !account.error) continue; // no role in this account: nothing to list with
      const prev = s.targets.get(keyOf(account.accountId, region));
      const t: TargetState = { ...(prev ?? { instances: [] }), account, region, ...(roleName ? { roleName } : {}), status: 'pending', runId: run.id };
      s.targets.set(keyOf(account.accountId, region), t);
      planned.push({ account, region, t });
    }
    if (!scope) this.reorder(s, accounts, regions);
    run.total = planned.length;
    this.changed(s, true);

    await Promise.all(
      planned.map(({ account, region, t }) =>
        s.limiter.run(async () => {
          if (t.runId !== run.id) return; // a newer run took this target over
          const result = await this.listTarget(s, run, t, account, region, prefs.bastionTag);
          if (t.runId !== run.id) return;
          Object.assign(t, result);
          run.done++;
          this.didLoadTarget.fire({ sessionId: s.sessionId, target: this.targetOf(t), instances: t.instances, progress: this.progress(s) });
          this.changed(s, run.done === run.total);
        }),
      ),
    );
    if (run.fatal) throw run.fatal;
    if (run.full) {
      s.fetchedAt = this.now();
      s.fromCache = false;
    }
  }

  private async listTarget(s: SessionState, run: Run, t: TargetState, account: AccountSummary, region: string, bastionTag: BastionTag): Promise<Partial<TargetState>> {
    const failed = (e: unknown): Partial<TargetState> => {
      const v = toErrorValue(e);
      if (v.code === 'SsoExpired') run.fatal ??= e instanceof FumidaiError ? e : new FumidaiError('SsoExpired', v.message);
      return { status: 'error', instances: [], error: { code: v.code, message: v.message }, fetchedAt: this.now(), partialError: undefined };
    };
    if (run.fatal) return failed(run.fatal);
    if (!t.roleName) {
      const denied = /denied|forbidden|no access/i.test(account.error ?? '');
      return failed(new FumidaiError(denied ? 'AccessDenied' : 'Internal', `The roles of ${account.accountName} could not be listed: ${account.error}`));
    }
    t.status = 'loading';
    const api = this.api({ accountId: account.accountId, roleName: t.roleName, region, credentials: this.deps.credentials.provider(s.sessionId, account.accountId, t.roleName) });
    try {
      const r = await discoverTarget(api, account, t.roleName, region, {
        bastionTag,
        onThrottle: () => s.limiter.throttled(),
        sleep: this.deps.sleep,
        random: this.deps.random,
      });
      s.limiter.succeeded();
      return { status: 'done', instances: r.instances, fetchedAt: this.now(), error: undefined, partialError: r.ssmError };
    } catch (e) {
      return failed(e);
    } finally {
      api.destroy();
    }
  }

  /** Display order: accounts as the accounts service lists them, then regions as configured. */
  private reorder(s: SessionState, accounts: AccountSummary[], regions: string[]): void {
    const ordered = new Map<string, TargetState>();
    for (const a of accounts) for (const r of regions) {
      const t = s.targets.get(keyOf(a.accountId, r));
      if (t) ordered.set(keyOf(a.accountId, r), t);
    }
    for (const [k, t] of s.targets) if (!ordered.has(k)) ordered.set(k, t);
    s.targets = ordered;
  }

  // ---- publishing ---------------------------------------------------------------------------

  private progress(s: SessionState): { done: number; total: number } {
    let done = 0;
    let total = 0;
    for (const r of s.runs) {
      done += r.done;
      total += r.total;
    }
    return { done, total };
  }

  private targetOf(t: TargetState): InventoryTarget {
    return {
      accountId: t.account.accountId,
      accountName: t.account.accountName,
      region: t.region,
      ...(t.roleName ? { roleName: t.roleName } : {}),
      status: t.status,
      instanceCount: t.instances.length,
      ...(t.fetchedAt ? { fetchedAt: t.fetchedAt } : {}),
      ...(t.error ? { error: t.error } : {}),
    };
  }

  private snapshot(s: SessionState): InventorySnapshot {
    if (s.snapshot) return s.snapshot;
    const instances: InstanceSummary[] = [];
    const errors: InventoryError[] = [];
    const targets: InventoryTarget[] = [];
    for (const t of s.targets.values()) {
      for (const i of t.instances) instances.push(i);
      targets.push(this.targetOf(t));
      const problem = t.error ?? t.partialError;
      if (problem) errors.push({ accountId: t.account.accountId, accountName: t.account.accountName, region: t.region, ...(t.roleName ? { roleName: t.roleName } : {}), code: problem.code, message: problem.message });
    }
    const loading = s.runs.size > 0;
    s.snapshot = {
      sessionId: s.sessionId,
      instances,
      loading,
      ...(loading ? { progress: this.progress(s) } : {}),
      errors,
      ...(s.fetchedAt ? { fetchedAt: s.fetchedAt } : {}),
      ...(s.fromCache ? { fromCache: true } : {}),
      regions: s.regions,
      targets,
      ...(s.error ? { error: s.error } : {}),
    };
    return s.snapshot;
  }

  /** Something changed: publish now (start/end of a run) or within SNAPSHOT_INTERVAL_MS. */
  private changed(s: SessionState, now: boolean): void {
    s.snapshot = undefined;
    if (!this.states.has(s.sessionId)) return;
    const publish = () => {
      s.publishTimer = undefined;
      s.lastPublish = this.now();
      this.didChange.fire(this.snapshot(s));
    };
    let rows = 0;
    for (const t of s.targets.values()) rows += t.instances.length;
    const interval = snapshotInterval(rows);
    if (now || this.now() - s.lastPublish >= interval) {
      if (s.publishTimer) clearTimeout(s.publishTimer);
      publish();
    } else if (!s.publishTimer) {
      s.publishTimer = setTimeout(publish, interval - (this.now() - s.lastPublish));
      s.publishTimer.unref?.();
    }
  }

  private writeCache(s: SessionState): void {
    const cache = this.cache;
    if (!cache || s.runs.size > 0 || !s.fetchedAt) return;
    const snap = this.snapshot(s);
    const entry = { sessionId: s.sessionId, fetchedAt: s.fetchedAt, regions: s.regions, targets: snap.targets ?? [], errors: snap.errors, instances: snap.instances };
    s.cacheWrite = s.cacheWrite
      .then(() => cache.write(entry))
      .catch((e: unknown) => this.log(`Could not keep the inventory on disk: ${(e as Error).message}`));
  }

  /** Resolves when pending cache writes are done (tests, quitting). */
  async flush(sessionId?: string): Promise<void> {
    await Promise.all([...this.states.values()].filter((s) => !sessionId || s.sessionId === sessionId).map((s) => s.cacheWrite));
  }
}

/** Routes again, from what is known, with another bastion tag. */
function reclassify(instances: InstanceSummary[], tag: BastionTag): InstanceSummary[] {
  const facts: RouteFacts[] = instances.map((i) => ({ instanceId: i.instanceId, name: i.name, state: i.state, vpcId: i.vpcId, ping: i.ssm.ping, tags: i.tags }));
  const bastions = facts.filter((f) => isBastion(f.tags, tag));
  return instances.map((i, n) => {
    const { isBastion: _old, ...rest } = i;
    return { ...rest, route: classifyRoute(facts[n]!, bastions, tag), ...(isBastion(i.tags, tag) ? { isBastion: true } : {}) };
  });
}
