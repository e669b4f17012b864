// The benchmarks' short form for CI: every figure of `npm run bench` on smaller inputs, failing when
// a same-run ratio falls below its floor (FLOORS in all.ts). Runs in its own suite after the unit
// tests (scripts/test-all.mjs, vitest.slow.config.ts) so other tests do not load the machine.
import { describe, expect, it } from 'vitest';
import { FLOORS, runBench } from './all';

describe('benchmarks (short form)', () => {
  it('keeps the SSM client/raw and inventory ideal/actual ratios above their floors', { timeout: 20 * 60_000 }, async (ctx) => {
    const report = await runBench({ quick: true, log: (m) => console.log(`bench: ${m}`) });
    console.log(JSON.stringify({ machine: report.machine, ssm: report.ssm, inventory: report.inventory, gates: report.gates }, null, 2));
    // Client and raw channel are measured alternately in the same run: load affects both alike.
    expect(report.ssm.clientToRawRatio).toBeGreaterThanOrEqual(FLOORS.ssmClientToRaw);
    expect(report.ssm.connectMs.roundTripsAfterStartSession).toBeLessThanOrEqual(FLOORS.connectRoundTripsAtMost);
    expect(report.inventory.errors).toBe(0);
    // The other figures are present and plausible (reported, not gated: absolute times are noise here).
    expect(report.listFilter.worstMedianMs).toBeGreaterThan(0);
    expect(report.listFilter.queries.find((q) => q.query === 'nothing-matches-this')!.matches).toBe(0);
    expect(report.rendererBundle).toHaveProperty('javascriptKB');
    expect(report.cliColdStart.medianMs).toBeGreaterThan(report.cliColdStart.bareNodeMedianMs);
    // The inventory's ideal is pure waiting (calls × latency ÷ concurrency), so a machine whose cores
    // are oversubscribed by other work (a shared development box) misses it by the overload factor,
    // whatever the code does. There the gate is not judged, and the test says so.
    // (all.ts: OVERLOADED_PER_CORE decides, and the report carries the load it saw.)
    const inventory = report.gates.find((g) => g.name.startsWith('inventory'))!;
    if (!inventory.judged) {
      ctx.skip(`inventory ideal/actual ${inventory.value} is below its floor ${FLOORS.inventoryIdealOverActual}; ${'note' in inventory ? inventory.note : ''}`);
      return;
    }
    expect(inventory.value).toBeGreaterThanOrEqual(FLOORS.inventoryIdealOverActual);
    expect(report.ok).toBe(true);
  });
});
