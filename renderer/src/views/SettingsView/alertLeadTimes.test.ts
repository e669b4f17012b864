import { describe, expect, it } from 'vitest';
import { parseLeadMinutes } from './alertLeadTimes';

describe('parseLeadMinutes', () => {
  it('reads comma or space separated minutes, largest first, without repeats', () => {
    expect(parseLeadMinutes('5, 15')).toEqual([15, 5]);
    expect(parseLeadMinutes('30 10 10')).toEqual([30, 10]);
    expect(parseLeadMinutes('15、5')).toEqual([15, 5]);
  });
  it('refuses what it cannot use', () => {
    expect(parseLeadMinutes('')).toBeUndefined();
    expect(parseLeadMinutes('0')).toBeUndefined();
    expect(parseLeadMinutes('1.5')).toBeUndefined();
    expect(parseLeadMinutes('241')).toBeUndefined();
    expect(parseLeadMinutes('1,2,3,4,5')).toBeUndefined();
    expect(parseLeadMinutes('ten')).toBeUndefined();
  });
});
