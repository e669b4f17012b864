import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter } from './adaptiveLimiter';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('AdaptiveLimiter', () => {
  it('never runs more than the limit at once, and serves callers in order', async () => {
    const limiter = new AdaptiveLimiter({ max: 3 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          order.push(i);
          peak = Math.max(peak, ++running);
          await tick();
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(order).toEqual([...Array(20).keys()]);
    expect(limiter.active).toBe(0);
  });

  it('halves on throttling once per episode, never below the minimum, and grows back on success', () => {
    let now = 0;
    const limiter = new AdaptiveLimiter({ max: 8, min: 2, growAfter: 1, cooldownMs: 1000, now: () => now });
    limiter.throttled();
    limiter.throttled(); // the same episode: many calls see the same throttling
    expect(limiter.limit).toBe(4);
    now += 1000;
    limiter.throttled();
    now += 1000;
    limiter.throttled();
    expect(limiter.limit).toBe(2);
    expect(limiter.throttleEvents).toBe(2);
    for (let i = 0; i < 2; i++) limiter.succeeded();
    expect(limiter.limit).toBe(3);
    for (let i = 0; i < 100; i++) limiter.succeeded();
    expect(limiter.limit).toBe(8);
  });

  it('lets waiting callers in when the limit grows', async () => {
    const limiter = new AdaptiveLimiter({ max: 2, growAfter: 1 });
    limiter.throttled();
    expect(limiter.limit).toBe(1);
    const holdA = await limiter.acquire();
    let gotB = false;
    const b = limiter.acquire().then((release) => ((gotB = true), release));
    await tick();
    expect(gotB).toBe(false);
    limiter.succeeded();
    await tick();
    expect(gotB).toBe(true);
    holdA();
    (await b)();
    expect(limiter.active).toBe(0);
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = new AdaptiveLimiter({ max: 1 });
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.active).toBe(0);
  });
});
