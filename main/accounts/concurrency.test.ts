import { describe, expect, it } from 'vitest';
import { mapWithConcurrency, withBackoff } from './concurrency';
import { FumidaiError } from '../../common/api/errors';

describe('mapWithConcurrency', () => {
  it('never exceeds the limit and keeps result order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5 * (8 - n)));
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });
});

describe('withBackoff', () => {
  it('retries throttling with growing jittered delays, then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const value = await withBackoff(
      async () => {
        if (++calls < 4) throw new FumidaiError('Throttled', 'slow down');
        return 'ok';
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 0.5, baseMs: 100 },
    );
    expect(value).toBe('ok');
    expect(delays).toEqual([50, 100, 200]);
  });

  it('does not retry other errors and gives up after the attempts', async () => {
    let calls = 0;
    await expect(withBackoff(async () => { calls++; throw new FumidaiError('AccessDenied', 'no'); }, { sleep: async () => {} })).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(calls).toBe(1);
    calls = 0;
    await expect(withBackoff(async () => { calls++; throw new FumidaiError('Throttled', 'x'); }, { attempts: 3, sleep: async () => {} })).rejects.toMatchObject({ code: 'Throttled' });
    expect(calls).toBe(3);
  });
});
