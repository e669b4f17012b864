// Sorting the instance list by a column. Names sort naturally (web-2 before web-10), IPs by their
// numbers, routes from most to least usable; ties fall back to name then id, so the order is
// stable whatever order the accounts and regions arrived in.
import type { InstanceSummary } from '../api/inventory';
import { ENVIRONMENTS } from '../environments';

export const SORT_KEYS = ['name', 'instanceId', 'account', 'environment', 'region', 'state', 'route', 'privateIp', 'launchTime'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface InstanceSort {
  key: SortKey;
  direction?: 'asc' | 'desc';
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const ROUTE_ORDER = { ssm: 0, bastion: 1, unreachable: 2 } as const;
const STATE_ORDER: Record<string, number> = { running: 0, pending: 1, stopping: 2, stopped: 3, 'shutting-down': 4, terminated: 5 };

/** An IPv4 address as one number (missing or odd addresses last). */
function ipValue(ip: string | undefined): number {
  if (!ip) return Number.MAX_SAFE_INTEGER;
  const parts = ip.split('.');
  if (parts.length !== 4) return Number.MAX_SAFE_INTEGER - 1;
  return parts.reduce((n, p) => n * 256 + (Number(p) || 0), 0);
}

function primary(key: SortKey): (a: InstanceSummary, b: InstanceSummary) => number {
  switch (key) {
    case 'name':
      return (a, b) => collator.compare(a.name, b.name);
    case 'instanceId':
      return (a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0);
    case 'account':
      return (a, b) => collator.compare(a.accountName, b.accountName) || collator.compare(a.accountId, b.accountId);
    case 'environment':
      return (a, b) => ENVIRONMENTS.indexOf(a.environment) - ENVIRONMENTS.indexOf(b.environment);
    case 'region':
      return (a, b) => collator.compare(a.region, b.region);
    case 'state':
      return (a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9);
    case 'route':
      return (a, b) => ROUTE_ORDER[a.route.kind] - ROUTE_ORDER[b.route.kind];
    case 'privateIp':
      return (a, b) => ipValue(a.privateIp) - ipValue(b.privateIp);
    case 'launchTime':
      return (a, b) => (a.launchTime ?? 0) - (b.launchTime ?? 0);
  }
}

export function compareInstances(sort: InstanceSort): (a: InstanceSummary, b: InstanceSummary) => number {
  const first = primary(sort.key);
  const sign = sort.direction === 'desc' ? -1 : 1;
  const byName = primary('name');
  return (a, b) => sign * first(a, b) || byName(a, b) || (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0);
}

/** A sorted copy. */
export function sortInstances<T extends InstanceSummary>(rows: readonly T[], sort: InstanceSort = { key: 'name' }): T[] {
  return [...rows].sort(compareInstances(sort));
}
