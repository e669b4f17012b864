import { describe, expect, it } from 'vitest';
import { buildTimeline, dueUntil, durationOf } from './replayModel';

describe('replay timeline', () => {
  it('keeps output, resizes and markers in order, shortening idle gaps, and skips keystrokes', () => {
    const tl = buildTimeline([
      [0.5, 'o', 'a'],
      [1, 'i', 'secret'],
      [1.5, 'r', '100x30'],
      [601.5, 'o', 'after lunch'],
      [602, 'm', 'resumed'],
      [603, 'r', 'bogus'],
    ]);
    expect(tl.map((e) => [e.at, e.kind, e.data])).toEqual([
      [0.5, 'output', 'a'],
      [1.5, 'resize', '100x30'],
      [3.5, 'output', 'after lunch'],
      [4, 'marker', 'resumed'],
    ]);
    expect(tl[1]).toMatchObject({ cols: 100, rows: 30 });
    expect(durationOf(tl)).toBe(4);
    expect(durationOf([])).toBe(0);
  });

  it('finds the events due at a time, from any starting point', () => {
    const tl = buildTimeline([
      [0, 'o', '0'],
      [1, 'o', '1'],
      [1, 'o', '1b'],
      [2, 'o', '2'],
    ]);
    expect(dueUntil(tl, -1)).toBe(0);
    expect(dueUntil(tl, 0)).toBe(1);
    expect(dueUntil(tl, 1)).toBe(3);
    expect(dueUntil(tl, 1.5, 1)).toBe(3);
    expect(dueUntil(tl, 99)).toBe(4);
  });
});
