import { describe, expect, it } from 'vitest';
import { FaultyPipe, deriveSeed } from './faults';

function run(seed: number, n: number) {
  const out: number[] = [];
  const pipe = new FaultyPipe({ dropRate: 0.1, duplicateRate: 0.1, reorderRate: 0.1 }, seed, (f) => out.push(f.readUInt32BE(0)));
  for (let i = 0; i < n; i++) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(i);
    pipe.push(b);
  }
  pipe.close();
  return out;
}

describe('FaultyPipe', () => {
  it('is deterministic for a seed and really drops, duplicates and reorders', () => {
    const a = run(42, 2000);
    expect(run(42, 2000)).toEqual(a);
    expect(run(43, 2000)).not.toEqual(a);
    const seen = new Set(a);
    expect(seen.size).toBeLessThan(2000); // drops
    expect(a.length).toBeGreaterThan(seen.size); // duplicates
    expect(a.some((v, i) => i > 0 && v < a[i - 1]! && v !== a[i - 1])).toBe(true); // reordering
  });

  it('passes reliable frames untouched', () => {
    const out: Buffer[] = [];
    const pipe = new FaultyPipe({ dropRate: 1 }, 1, (f) => out.push(f));
    pipe.push(Buffer.from('x'), true);
    pipe.push(Buffer.from('y'));
    expect(out.map(String)).toEqual(['x']);
  });

  it('derives distinct seeds per connection and direction', () => {
    expect(new Set([deriveSeed(1, 0, 'toClient'), deriveSeed(1, 0, 'toAgent'), deriveSeed(1, 1, 'toClient')]).size).toBe(3);
  });
});
