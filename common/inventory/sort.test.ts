import { describe, expect, it } from 'vitest';
import { sortInstances } from './sort';
import { instance } from './testInstances';

describe('sortInstances', () => {
  const rows = [
    instance({ instanceId: 'i-3', name: 'web-10', privateIp: '10.0.0.20', state: 'stopped', route: { kind: 'unreachable' }, launchTime: 3 }),
    instance({ instanceId: 'i-1', name: 'web-2', privateIp: '10.0.0.3', route: { kind: 'bastion' }, launchTime: 1, accountName: 'zeta' }),
    instance({ instanceId: 'i-2', name: 'Web-2', privateIp: undefined, launchTime: 2, environment: 'development' }),
  ];
  const ids = (r: typeof rows) => r.map((i) => i.instanceId);

  it('sorts names naturally and case-insensitively, ties by id', () => {
    expect(ids(sortInstances(rows))).toEqual(['i-1', 'i-2', 'i-3']);
    expect(ids(sortInstances(rows, { key: 'name', direction: 'desc' }))).toEqual(['i-3', 'i-1', 'i-2']);
  });
  it('sorts IPs by number with missing ones last', () => {
    expect(ids(sortInstances(rows, { key: 'privateIp' }))).toEqual(['i-1', 'i-3', 'i-2']);
  });
  it('sorts routes from most usable, states running first, environments production first', () => {
    expect(ids(sortInstances(rows, { key: 'route' }))).toEqual(['i-2', 'i-1', 'i-3']);
    expect(ids(sortInstances(rows, { key: 'state' }))).toEqual(['i-1', 'i-2', 'i-3']);
    expect(ids(sortInstances(rows, { key: 'environment' }))).toEqual(['i-1', 'i-3', 'i-2']);
    expect(ids(sortInstances(rows, { key: 'launchTime', direction: 'desc' }))).toEqual(['i-3', 'i-2', 'i-1']);
    expect(ids(sortInstances(rows, { key: 'account' }))).toEqual(['i-2', 'i-3', 'i-1']);
  });
  it('does not modify its input', () => {
    const before = ids(rows);
    sortInstances(rows, { key: 'route' });
    expect(ids(rows)).toEqual(before);
  });
});
