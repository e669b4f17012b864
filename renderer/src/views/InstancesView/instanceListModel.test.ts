import { describe, expect, it } from 'vitest';
import type { InstanceSummary, InventorySnapshot, InventoryTargetLoaded } from '../../../../common/api/inventory';
import { parseInstanceQuery } from '../../../../common/inventory/query';
import { instance } from '../../../../common/inventory/testInstances';
import { sortInstances as sortRows } from '../../../../common/inventory/sort';
import {
  EMPTY_STREAM,
  NO_FILTERS,
  activeFilterCount,
  currentRows,
  errorsByAccount,
  facetValues,
  marksOf,
  moveSelection,
  rowKey,
  toggleSort,
  visibleRows,
  withLoadedTarget,
  withSnapshot,
} from './instanceListModel';

const A = '111111111111';
const B = '222222222222';
const rows: InstanceSummary[] = [
  instance({ instanceId: 'i-01', name: 'web-10', accountId: A, region: 'ap-northeast-1', privateIp: '10.0.0.10' }),
  instance({ instanceId: 'i-02', name: 'web-2', accountId: A, region: 'ap-northeast-1', state: 'stopped', route: { kind: 'unreachable', reason: 'stopped' } }),
  instance({ instanceId: 'i-03', name: 'db-1', accountId: A, region: 'us-west-2', route: { kind: 'bastion' }, tags: { Role: 'db' } }),
  instance({ instanceId: 'i-04', name: 'dev-app', accountId: B, accountName: 'acme-dev', environment: 'development', region: 'ap-northeast-1' }),
];
const snapshot = (instances: InstanceSummary[], over: Partial<InventorySnapshot> = {}): InventorySnapshot => ({ sessionId: 'acme', instances, loading: false, errors: [], ...over });
const loaded = (accountId: string, region: string, instances: InstanceSummary[], done = 1, total = 3): InventoryTargetLoaded => ({
  sessionId: 'acme',
  target: { accountId, accountName: 'x', region, status: 'done', instanceCount: instances.length },
  instances,
  progress: { done, total },
});
const ids = (r: readonly InstanceSummary[]) => r.map((i) => i.instanceId);
const noMarks = marksOf(undefined);

describe('streamed rows', () => {
  it('shows each account × region as it arrives, replacing only its own rows and keeping their place', () => {
    let s = withSnapshot(snapshot(rows, { loading: true, progress: { done: 0, total: 3 } }));
    expect(ids(currentRows(s))).toEqual(['i-01', 'i-02', 'i-03', 'i-04']);
    const renamed = instance({ instanceId: 'i-05', name: 'web-new', accountId: A, region: 'ap-northeast-1' });
    s = withLoadedTarget(s, loaded(A, 'ap-northeast-1', [renamed], 1));
    expect(ids(currentRows(s))).toEqual(['i-05', 'i-03', 'i-04']);
    expect(s.progress).toEqual({ done: 1, total: 3 });
    s = withLoadedTarget(s, loaded(B, 'us-west-2', [instance({ instanceId: 'i-06', accountId: B, region: 'us-west-2' })], 2));
    expect(ids(currentRows(s))).toEqual(['i-05', 'i-03', 'i-04', 'i-06']);
    // An account denied in a region: its rows go, the others stay.
    s = withLoadedTarget(s, loaded(A, 'us-west-2', [], 3));
    expect(ids(currentRows(s))).toEqual(['i-05', 'i-04', 'i-06']);
    // The next whole snapshot is the truth again.
    s = withSnapshot(snapshot(rows));
    expect(ids(currentRows(s))).toEqual(['i-01', 'i-02', 'i-03', 'i-04']);
    expect(s.progress).toBeUndefined();
  });

  it('starts from nothing and ignores another session’s listings', () => {
    const s = withLoadedTarget(EMPTY_STREAM, loaded(A, 'ap-northeast-1', [rows[0]!]));
    expect(ids(currentRows(s))).toEqual(['i-01']);
    const other = withLoadedTarget(withSnapshot(snapshot([])), { ...loaded(A, 'ap-northeast-1', [rows[0]!]), sessionId: 'other' });
    expect(currentRows(other)).toEqual([]);
  });
});

describe('filters, search and sort', () => {
  const sorted = sortRows(rows, { key: 'name' });

  it('sorts names naturally and keeps that order through search and filters', () => {
    expect(ids(sorted)).toEqual(['i-03', 'i-04', 'i-02', 'i-01']);
    expect(ids(visibleRows(sorted, parseInstanceQuery('web'), NO_FILTERS, noMarks))).toEqual(['i-02', 'i-01']);
  });

  it('combines the search box with environment, state, route and region filters', () => {
    const q = parseInstanceQuery('');
    expect(ids(visibleRows(sorted, q, { show: 'all', environment: 'development' }, noMarks))).toEqual(['i-04']);
    expect(ids(visibleRows(sorted, q, { show: 'all', state: 'stopped' }, noMarks))).toEqual(['i-02']);
    expect(ids(visibleRows(sorted, q, { show: 'all', route: 'bastion' }, noMarks))).toEqual(['i-03']);
    expect(ids(visibleRows(sorted, q, { show: 'all', region: 'ap-northeast-1', environment: 'production' }, noMarks))).toEqual(['i-02', 'i-01']);
    expect(ids(visibleRows(sorted, parseInstanceQuery('-state:stopped web'), { show: 'all', region: 'ap-northeast-1' }, noMarks))).toEqual(['i-01']);
    expect(ids(visibleRows(sorted, parseInstanceQuery('tag:Role=db'), { show: 'all', route: 'ssm' }, noMarks))).toEqual([]);
  });

  it('returns the same array when nothing narrows it (no copy of 20,000 rows per keystroke)', () => {
    expect(visibleRows(sorted, parseInstanceQuery('  '), NO_FILTERS, noMarks)).toBe(sorted);
  });

  it('shows favourites in the list order and recents most recent first', () => {
    const marks = marksOf({
      favorites: [{ instanceId: 'i-01', accountId: A, region: 'ap-northeast-1', name: 'web-10' }, { instanceId: 'i-03', accountId: A, region: 'us-west-2', name: 'db-1' }],
      recents: [
        { instanceId: 'i-04', accountId: B, region: 'ap-northeast-1', name: 'dev-app', usedAt: 300 },
        { instanceId: 'i-01', accountId: A, region: 'ap-northeast-1', name: 'web-10', usedAt: 100 },
        { instanceId: 'i-02', accountId: A, region: 'ap-northeast-1', name: 'web-2', usedAt: 200 },
      ],
    });
    expect(ids(visibleRows(sorted, parseInstanceQuery(''), { show: 'favorites' }, marks))).toEqual(['i-03', 'i-01']);
    expect(ids(visibleRows(sorted, parseInstanceQuery(''), { show: 'recents' }, marks))).toEqual(['i-04', 'i-02', 'i-01']);
    expect(ids(visibleRows(sorted, parseInstanceQuery('web'), { show: 'recents' }, marks))).toEqual(['i-02', 'i-01']);
  });

  it('flips the direction on the same column and starts ascending on another', () => {
    expect(toggleSort({ key: 'name' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(toggleSort({ key: 'name', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(toggleSort({ key: 'name', direction: 'desc' }, 'region')).toEqual({ key: 'region', direction: 'asc' });
  });

  it('counts active filters and offers only the regions and states present', () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount({ show: 'favorites', region: 'us-west-2', state: 'running' })).toBe(3);
    expect(facetValues(rows)).toEqual({ regions: ['ap-northeast-1', 'us-west-2'], states: ['running', 'stopped'] });
  });
});

describe('keyboard selection', () => {
  const list = sortRows(rows, { key: 'name' });
  const key = (n: number) => rowKey(list[n]!);

  it('starts at the first row and moves by one, by a page, and to either end without running off', () => {
    expect(moveSelection(list, undefined, 'next', 10)).toBe(key(0));
    expect(moveSelection(list, key(0), 'next', 10)).toBe(key(1));
    expect(moveSelection(list, key(0), 'previous', 10)).toBe(key(0));
    expect(moveSelection(list, key(3), 'next', 10)).toBe(key(3));
    expect(moveSelection(list, key(0), 'pageDown', 3)).toBe(key(2));
    expect(moveSelection(list, key(3), 'pageUp', 3)).toBe(key(1));
    expect(moveSelection(list, key(1), 'last', 3)).toBe(key(3));
    expect(moveSelection(list, key(2), 'first', 3)).toBe(key(0));
  });

  it('restarts from the top when the selected row was filtered away, and selects nothing in an empty list', () => {
    expect(moveSelection(list, 'gone/ap-northeast-1/i-99', 'next', 10)).toBe(key(0));
    expect(moveSelection([], key(0), 'next', 10)).toBeUndefined();
  });

  it('keys rows by account, region and id (ids repeat across accounts in copies of a fleet)', () => {
    expect(rowKey(rows[0]!)).toBe(`${A}/ap-northeast-1/i-01`);
  });
});

describe('errors per account', () => {
  it('groups an account denied in every region into one line, and keeps other accounts apart', () => {
    const e = (accountId: string, region: string, code = 'AccessDenied', message = 'not authorized to perform ec2:DescribeInstances') => ({ accountId, accountName: accountId === A ? 'acme-prod' : 'acme-sec', region, code, message });
    expect(errorsByAccount([e(B, 'ap-northeast-1'), e(B, 'us-west-2'), e(A, 'us-west-2', 'Throttling', 'Rate exceeded')])).toEqual([
      { accountId: B, accountName: 'acme-sec', code: 'AccessDenied', message: 'not authorized to perform ec2:DescribeInstances', regions: ['ap-northeast-1', 'us-west-2'] },
      { accountId: A, accountName: 'acme-prod', code: 'Throttling', message: 'Rate exceeded', regions: ['us-west-2'] },
    ]);
  });
});
