import { describe, expect, it } from 'vitest';
import { err } from '../../../common/api/errors';
import { addNotice, MAX_NOTICES, removeNotice, type Notice } from './noticeList';

describe('notice list', () => {
  it('adds errors in order and removes them by id', () => {
    let list: Notice[] = [];
    list = addNotice(list, err('Network', 'offline'), 1);
    list = addNotice(list, err('AccessDenied', 'no ec2:DescribeInstances'), 2);
    expect(list.map((n) => n.error.code)).toEqual(['Network', 'AccessDenied']);
    expect(removeNotice(list, 1).map((n) => n.id)).toEqual([2]);
  });

  it('counts a repeated error instead of stacking copies, and moves it to the end', () => {
    let list: Notice[] = [];
    list = addNotice(list, err('Network', 'offline'), 1);
    list = addNotice(list, err('Throttled', 'slow down'), 2);
    list = addNotice(list, err('Network', 'offline'), 3);
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({ id: 1, count: 2, error: { code: 'Network' } });
    // Same code, different message: a different problem, shown separately.
    list = addNotice(list, err('Network', 'host unreachable'), 4);
    expect(list).toHaveLength(3);
  });

  it(`keeps only the newest ${MAX_NOTICES}`, () => {
    let list: Notice[] = [];
    for (let i = 1; i <= MAX_NOTICES + 2; i++) list = addNotice(list, err('Internal', `failure ${i}`), i);
    expect(list.map((n) => n.id)).toEqual([3, 4, 5, 6]);
  });
});
