// The fault soak's short form for CI (about a minute; `npm run soak` runs the full five): 8 shells
// and 2 port forwards through drops, duplicates, reordering, delays, socket kills, API throttling
// and two jumps of the emulator's clock past the token's and credentials' expiry.
import { describe, expect, it } from 'vitest';
import { runSoak } from './soak';

const MINUTES = Number(process.env.FUMIDAI_SOAK_MINUTES ?? 1);

describe('fault soak (short form)', () => {
  it(`keeps 8 shells and 2 forwards byte-exact for ${MINUTES} min under faults and expiry, losing no session`, { timeout: MINUTES * 60_000 + 180_000 }, async () => {
    const report = await runSoak({ minutes: MINUTES });
    expect(report.failures).toEqual([]);
    // In the short form no session may end at all, not even with a message.
    expect(report.toldEnds).toEqual([]);
    for (const s of [...report.shells, ...report.forwards]) expect(s.rounds).toBeGreaterThan(0);
    // The faults really happened (otherwise this proves nothing).
    const t = report.totals;
    expect(t.socketKills).toBeGreaterThanOrEqual(10);
    expect(t.reconnects).toBeGreaterThanOrEqual(8);
    expect(t.framesDropped).toBeGreaterThan(0);
    expect(t.framesDuplicated).toBeGreaterThan(0);
    expect(t.framesReordered).toBeGreaterThan(0);
    expect(t.apiThrottled).toBeGreaterThan(0);
    expect(t.clockJumps).toBe(2);
    expect(t.tokenRefreshes).toBeGreaterThanOrEqual(2);
    expect(t.credentialFetches).toBeGreaterThanOrEqual(3);
    // Memory: the heap at the end is within 64 MB of the start (no unbounded growth).
    expect(report.heap.endMB - report.heap.startMB).toBeLessThan(64);
  });
});
