// `npm run soak [-- --minutes 5] [--seed N] [--out path]`: the fault soak (test/soak/soak.ts),
// printed and written to test/soak/results/latest.json (and `--out`, e.g. a dated copy).
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSoak } from './soak';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '5' }, seed: { type: 'string' }, out: { type: 'string' } } });
const minutes = Number(values.minutes);
if (!(minutes > 0)) throw new Error('--minutes must be a positive number');
const started = Date.now();
const report = await runSoak({ minutes, seed: values.seed ? Number(values.seed) : undefined, log: (m) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${m}`) });
const text = `${JSON.stringify(report, null, 2)}\n`;
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), text);
if (values.out) writeFileSync(values.out, text);
const t = report.totals;
console.log(
  `${report.ok ? 'PASS' : 'FAIL'}: ${minutes} min, ${(t.bytesVerified / 1024 / 1024).toFixed(1)} MB verified in ${t.rounds} rounds; ${t.reconnects} shell reconnects, ${t.socketKills} socket kills, ${t.framesDropped}/${t.framesDuplicated}/${t.framesReordered} frames dropped/duplicated/reordered, ${t.apiThrottled} API calls throttled, ${t.tokenRefreshes} token refreshes, ${t.credentialFetches} credential fetches; heap ${report.heap.startMB} -> ${report.heap.endMB} MB (peak ${report.heap.peakMB})`,
);
for (const f of report.failures) console.log(`  failure: ${f}`);
for (const f of report.toldEnds) console.log(`  ended with a message: ${f}`);
process.exit(report.ok ? 0 : 1);
