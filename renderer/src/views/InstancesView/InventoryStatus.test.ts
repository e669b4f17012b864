import { describe, expect, it } from 'vitest';
import { formatAge } from './InventoryStatus';
import { batchInterval } from './useInventory';

describe('formatAge', () => {
  it('says how old the shown inventory is, in the UI language', () => {
    expect(formatAge(10_000, 'en')).toBe('now');
    expect(formatAge(3 * 60_000, 'en')).toBe('3 minutes ago');
    expect(formatAge(60_000, 'en')).toBe('1 minute ago');
    expect(formatAge(5 * 3_600_000, 'en')).toBe('5 hours ago');
    expect(formatAge(3 * 86_400_000, 'en')).toBe('3 days ago');
    expect(formatAge(3 * 60_000, 'ja')).toBe('3 分前');
  });

  it('never says "in …" for a clock a little ahead', () => {
    expect(formatAge(-5_000, 'en')).toBe('now');
  });
});

describe('batchInterval', () => {
  it('re-renders small lists promptly and large ones about once a second while they load', () => {
    expect(batchInterval(0)).toBe(120);
    expect(batchInterval(1_000)).toBe(120);
    expect(batchInterval(10_000)).toBe(500);
    expect(batchInterval(20_000)).toBe(1_000);
    expect(batchInterval(200_000)).toBe(1_000);
  });
});
