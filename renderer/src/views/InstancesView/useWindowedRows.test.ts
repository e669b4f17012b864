import { describe, expect, it } from 'vitest';
import { scrollTopFor, visibleRange } from './useWindowedRows';

describe('visibleRange', () => {
  it('renders the rows in view plus the overscan, never past either end', () => {
    expect(visibleRange(0, 400, 40, 20_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(4000, 400, 40, 20_000, 5)).toEqual({ start: 95, end: 116 });
    expect(visibleRange(20_000 * 40 - 400, 400, 40, 20_000, 5)).toEqual({ start: 19_985, end: 20_000 });
  });

  it('stays small however long the list is', () => {
    const r = visibleRange(123_456, 800, 44, 1_000_000);
    expect(r.end - r.start).toBeLessThan(40);
  });

  it('copes with an empty list, a scroll position past the end (after a narrower search) and no height yet', () => {
    expect(visibleRange(0, 400, 40, 0)).toEqual({ start: 0, end: 0 });
    const past = visibleRange(50_000, 400, 40, 10, 2);
    expect(past.start).toBeLessThanOrEqual(9);
    expect(past.end).toBe(10);
    expect(visibleRange(0, 0, 40, 100, 0)).toEqual({ start: 0, end: 1 });
  });
});

describe('scrollTopFor', () => {
  it('scrolls only as far as needed to show the whole row', () => {
    expect(scrollTopFor(5, 0, 400, 40)).toBeUndefined();
    expect(scrollTopFor(12, 0, 400, 40)).toBe(12 * 40 + 40 - 400);
    expect(scrollTopFor(2, 400, 400, 40)).toBe(80);
    expect(scrollTopFor(0, 0, 10, 40)).toBeUndefined();
  });
});
