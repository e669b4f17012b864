// The Instances view's logic, kept pure so it is tested without a browser: merging rows as each
// account × region arrives, the filters beside the search box, favourites and recents, and moving
// the selection with the keyboard. The search language and the sort orders themselves live in
// common/inventory (shared with the CLI).
import type { Environment } from '../../../../common/environments';
import type { InstanceShortcuts, InstanceSummary, InventorySnapshot, InventoryTargetLoaded, Route } from '../../../../common/api/inventory';
import { filterInstances, type ParsedQuery } from '../../../../common/inventory/query';
import type { InstanceSort } from '../../../../common/inventory/sort';

/** One row's identity: instance ids are unique per account and region, not across them. */
export function rowKey(i: Pick<InstanceSummary, 'accountId' | 'region' | 'instanceId'>): string {
  return `${i.accountId}/${i.region}/${i.instanceId}`;
}

const targetKey = (accountId: string, region: string) => `${accountId}/${region}`;

// ---- streaming -------------------------------------------------------------------------------

/**
 * The rows known now: the last whole snapshot, with the account × region listings that arrived
 * after it laid over their own part (so rows appear as each target completes, not only when the
 * next snapshot comes). Targets keep the snapshot's order; new ones go last.
 */
export interface StreamedRows {
  snapshot: InventorySnapshot | undefined;
  /** Listings newer than `snapshot`, by account/region. */
  loaded: ReadonlyMap<string, InventoryTargetLoaded>;
  /** The newest progress (a listing's, when it came after the snapshot). */
  progress: { done: number; total: number } | undefined;
}

export const EMPTY_STREAM: StreamedRows = { snapshot: undefined, loaded: new Map(), progress: undefined };

export function withSnapshot(snapshot: InventorySnapshot): StreamedRows {
  // A snapshot includes every listing published before it (events arrive in order).
  return { snapshot, loaded: new Map(), progress: snapshot.loading ? snapshot.progress : undefined };
}

export function withLoadedTarget(prev: StreamedRows, loaded: InventoryTargetLoaded): StreamedRows {
  if (prev.snapshot && prev.snapshot.sessionId !== loaded.sessionId) return prev;
  const next = new Map(prev.loaded);
  next.set(targetKey(loaded.target.accountId, loaded.target.region), loaded);
  return { ...prev, loaded: next, progress: loaded.progress };
}

export function currentRows(s: StreamedRows): InstanceSummary[] {
  const base = s.snapshot?.instances ?? [];
  if (s.loaded.size === 0) return base;
  const out: InstanceSummary[] = [];
  const placed = new Set<string>();
  for (const i of base) {
    const k = targetKey(i.accountId, i.region);
    const fresh = s.loaded.get(k);
    if (!fresh) {
      out.push(i);
    } else if (!placed.has(k)) {
      placed.add(k);
      out.push(...fresh.instances);
    }
  }
  for (const [k, fresh] of s.loaded) if (!placed.has(k)) out.push(...fresh.instances);
  return out;
}

// ---- filters ---------------------------------------------------------------------------------

export const SHOW_MODES = ['all', 'favorites', 'recents'] as const;
export type ShowMode = (typeof SHOW_MODES)[number];

export interface InstanceFilters {
  environment?: Environment;
  state?: string;
  route?: Route['kind'];
  region?: string;
  show: ShowMode;
}

export const NO_FILTERS: InstanceFilters = { show: 'all' };

export function activeFilterCount(f: InstanceFilters): number {
  return [f.environment, f.state, f.route, f.region].filter(Boolean).length + (f.show === 'all' ? 0 : 1);
}

export interface Marks {
  favorites: ReadonlySet<string>;
  /** instanceId → when it was last used. */
  recents: ReadonlyMap<string, number>;
}

export function marksOf(s: InstanceShortcuts | undefined): Marks {
  return {
    favorites: new Set(s?.favorites.map((f) => f.instanceId) ?? []),
    recents: new Map(s?.recents.map((r) => [r.instanceId, r.usedAt] as const) ?? []),
  };
}

function passes(i: InstanceSummary, f: InstanceFilters, marks: Marks): boolean {
  if (f.environment && i.environment !== f.environment) return false;
  if (f.state && i.state !== f.state) return false;
  if (f.route && i.route.kind !== f.route) return false;
  if (f.region && i.region !== f.region) return false;
  if (f.show === 'favorites' && !marks.favorites.has(i.instanceId)) return false;
  if (f.show === 'recents' && !marks.recents.has(i.instanceId)) return false;
  return true;
}

/**
 * The rows to show, in order. `sorted` is the whole inventory already sorted (sorting 20,000 rows
 * happens only when the rows or the order change, never per keystroke); the query and the filters
 * only remove rows, so the order holds. Recents are shown most recent first.
 */
export function visibleRows(sorted: readonly InstanceSummary[], query: ParsedQuery, filters: InstanceFilters, marks: Marks): readonly InstanceSummary[] {
  const filtered = activeFilterCount(filters) === 0 ? sorted : sorted.filter((i) => passes(i, filters, marks));
  const matched = filterInstances(filtered, query);
  if (filters.show !== 'recents') return matched;
  return [...matched].sort((a, b) => (marks.recents.get(b.instanceId) ?? 0) - (marks.recents.get(a.instanceId) ?? 0));
}

/** Clicking a column: the same one flips the direction, another one starts ascending. */
export function toggleSort(current: InstanceSort, key: InstanceSort['key']): InstanceSort {
  if (current.key !== key) return { key, direction: 'asc' };
  return { key, direction: current.direction === 'desc' ? 'asc' : 'desc' };
}

/** The values the filter menus offer: those present in the inventory, in a stable order. */
export function facetValues(rows: readonly InstanceSummary[]): { regions: string[]; states: string[] } {
  const regions = new Set<string>();
  const states = new Set<string>();
  for (const i of rows) {
    regions.add(i.region);
    states.add(i.state);
  }
  const stateOrder = ['running', 'pending', 'stopping', 'stopped', 'shutting-down', 'terminated'];
  const rank = (s: string) => (stateOrder.includes(s) ? stateOrder.indexOf(s) : stateOrder.length);
  return { regions: [...regions].sort(), states: [...states].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)) };
}

// ---- selection -------------------------------------------------------------------------------

export type SelectionMove = 'next' | 'previous' | 'pageDown' | 'pageUp' | 'first' | 'last';

/** The key of the row the selection moves to; the first row when nothing visible was selected. */
export function moveSelection(rows: readonly InstanceSummary[], selected: string | undefined, move: SelectionMove, pageSize: number): string | undefined {
  if (rows.length === 0) return undefined;
  const at = selected === undefined ? -1 : rows.findIndex((r) => rowKey(r) === selected);
  const last = rows.length - 1;
  const page = Math.max(1, pageSize - 1);
  let next: number;
  switch (move) {
    case 'next':
      next = at < 0 ? 0 : Math.min(last, at + 1);
      break;
    case 'previous':
      next = at < 0 ? 0 : Math.max(0, at - 1);
      break;
    case 'pageDown':
      next = at < 0 ? 0 : Math.min(last, at + page);
      break;
    case 'pageUp':
      next = at < 0 ? 0 : Math.max(0, at - page);
      break;
    case 'first':
      next = 0;
      break;
    case 'last':
      next = last;
      break;
  }
  return rowKey(rows[next]!);
}

export const KEY_MOVES: Readonly<Record<string, SelectionMove>> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  PageDown: 'pageDown',
  PageUp: 'pageUp',
  Home: 'first',
  End: 'last',
};

// ---- per-account status ------------------------------------------------------------------------

export interface AccountErrors {
  accountId: string;
  accountName: string;
  code: string;
  message: string;
  regions: string[];
}

/** Errors grouped per account (one line for an account denied in every region), in list order. */
export function errorsByAccount(errors: InventorySnapshot['errors']): AccountErrors[] {
  const byKey = new Map<string, AccountErrors>();
  for (const e of errors) {
    const k = `${e.accountId}\n${e.code}\n${e.message}`;
    const entry = byKey.get(k);
    if (entry) entry.regions.push(e.region);
    else byKey.set(k, { accountId: e.accountId, accountName: e.accountName, code: e.code, message: e.message, regions: [e.region] });
  }
  return [...byKey.values()];
}
