// `npm run bench`: every benchmark in one command, one results file (test/bench/results/latest.json).
//   - SSM throughput (MB/s): the product's client next to the emulator's raw ack-only channel in the
//     same run (bench:ssm), and the raw channel alone (bench:channel);
//   - connect time (ms) from StartSession to the first prompt byte at 0 and 50 ms RTT (bench:ssm);
//   - inventory time to first row and to complete vs its ideal (bench:inventory, 20,000 instances);
//   - list filter time at 20,000 instances (common/inventory/query, what the Instances view runs);
//   - renderer bundle size (out/renderer, built first if missing);
//   - CLI cold start (`fumidai --version`), next to a bare `node` start.
// These machines are shared and noisy, so the gates are ratios measured in the same run (client vs
// raw channel, ideal vs actual inventory time), each with a floor below which the run fails.
// `--quick` is the short form CI runs (smaller transfers and organisation; results go to
// test/bench/results/tmp/quick.json and the checked-in per-benchmark files are left as they were).
//
//   npm run bench [-- --quick] [--out file.json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { filterInstances, parseInstanceQuery, prepareForSearch } from '../../common/inventory/query';
import { instance } from '../../common/inventory/testInstances';
import type { InstanceSummary } from '../../common/api/inventory';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const resultsDir = join(here, 'results');

/**
 * Floors for the ratios, chosen so today's code passes with margin on this 2-core shared machine
 * (bench:ssm's client/raw ratio was 0.54 on 2026-11-22 and the inventory finished at 1.29× its
 * ideal): a drop below them is a regression, not noise.
 */
export const FLOORS = {
  /** The product client's MB/s over the raw channel's, same run. */
  ssmClientToRaw: 0.35,
  /** Ideal inventory time over actual (1 = as fast as the ideal; 0.5 = twice as slow). */
  inventoryIdealOverActual: 0.45,
  /** Round trips from WebSocket to the first prompt byte at 50 ms RTT, at most. */
  connectRoundTripsAtMost: 3,
} as const;

/**
 * Runnable processes per core above which a latency-bound timing (the inventory's ideal is pure
 * waiting: calls × latency ÷ concurrency) says more about the machine's other work than about the
 * code. Above it that gate is reported as not judged, with the load, instead of failing.
 */
export const OVERLOADED_PER_CORE = 3;

export interface BenchOptions {
  quick: boolean;
  log?: (m: string) => void;
}

function runScript(script: string, args: string[]): void {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(here, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 15 * 60_000 });
  if (res.status !== 0) throw new Error(`${script} failed (exit ${res.status}): ${(res.stderr || res.stdout).slice(-2000)}`);
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Runs a per-benchmark script and returns its results file; in quick mode the checked-in file is put back. */
function subBench(script: string, resultFile: string, args: string[], quick: boolean): Record<string, any> {
  const file = join(resultsDir, resultFile);
  const before = existsSync(file) ? readFileSync(file) : undefined;
  try {
    runScript(script, args);
    return readJson(file);
  } finally {
    if (quick && before) writeFileSync(file, before);
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** 20,000 instances like a large organisation's, and the queries people type. */
export function listFilterBench(count = 20_000, repeats = 15) {
  const envs = ['production', 'staging', 'development', 'sandbox'] as const;
  const roles = ['web', 'api', 'db', 'worker', 'batch', 'cache'];
  const rows: InstanceSummary[] = Array.from({ length: count }, (_, n) =>
    instance({
      instanceId: `i-0${n.toString(16).padStart(16, '0')}`,
      name: `${envs[n % 4]!.slice(0, 4)}-${roles[n % 6]}-${n}`,
      accountId: String(100000000000 + (n % 200)),
      accountName: `acct-${n % 200}`,
      environment: envs[n % 4],
      region: n % 2 ? 'us-west-2' : 'ap-northeast-1',
      state: n % 10 === 0 ? 'stopped' : 'running',
      privateIp: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      tags: { Role: roles[n % 6]!, Team: `team-${n % 37}` },
    }),
  );
  const t0 = performance.now();
  prepareForSearch(rows);
  const prepareMs = performance.now() - t0;
  const queries = ['web', 'prod api', 'env:production state:running', 'ip:10.0.1', 'acct-17 db', 'i-0000000000004e1f', 'team-5 worker region:us-west-2', 'nothing-matches-this'];
  const perQuery = queries.map((q) => {
    const times: number[] = [];
    let matches = 0;
    for (let i = 0; i < repeats; i++) {
      const t = performance.now();
      matches = filterInstances(rows, parseInstanceQuery(q)).length;
      times.push(performance.now() - t);
    }
    return { query: q, matches, medianMs: Number(median(times).toFixed(2)) };
  });
  return { instances: count, prepareMs: Number(prepareMs.toFixed(1)), queries: perQuery, worstMedianMs: Math.max(...perQuery.map((q) => q.medianMs)) };
}

function rendererBundle() {
  const dir = join(root, 'out', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) {
    const res = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore', timeout: 10 * 60_000 });
    if (res.status !== 0) return { error: 'electron-vite build failed' };
  }
  let bytes = 0;
  let js = 0;
  let jsGzip = 0;
  let css = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else {
        bytes += st.size;
        if (name.endsWith('.js')) {
          js += st.size;
          jsGzip += gzipSync(readFileSync(p)).length;
        } else if (name.endsWith('.css')) css += st.size;
      }
    }
  };
  walk(dir);
  const kb = (n: number) => Number((n / 1024).toFixed(1));
  return { totalKB: kb(bytes), javascriptKB: kb(js), javascriptGzipKB: kb(jsGzip), cssKB: kb(css) };
}

function cliColdStart(runs: number) {
  const time = (args: string[]) => {
    const t = performance.now();
    const res = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${args.join(' ')} failed: ${res.stderr}`);
    return performance.now() - t;
  };
  const cli = join(root, 'bin', 'fumidai.cjs');
  time([cli, '--version']); // warm the file cache
  const cliMs = median(Array.from({ length: runs }, () => time([cli, '--version'])));
  const nodeMs = median(Array.from({ length: runs }, () => time(['-e', ''])));
  return { command: 'fumidai --version', medianMs: Number(cliMs.toFixed(1)), bareNodeMedianMs: Number(nodeMs.toFixed(1)), overBareNode: Number((cliMs / nodeMs).toFixed(2)), runs };
}

export async function runBench(options: BenchOptions) {
  const log = options.log ?? (() => {});
  const quick = options.quick;
  const started = Date.now();
  log('list filter at 20,000 instances');
  const listFilter = listFilterBench(20_000, quick ? 5 : 15);
  log('renderer bundle');
  const bundle = rendererBundle();
  log('CLI cold start');
  const cli = cliColdStart(quick ? 3 : 9);
  log('bench:channel');
  const channel = subBench('channel.ts', 'channel.json', ['--mb', quick ? '8' : '64'], quick);
  log('bench:ssm');
  const ssm = subBench('ssm.ts', 'ssm.json', ['--mb', quick ? '8' : '64'], quick);
  log('bench:inventory');
  const inventory = subBench('inventory.ts', 'inventory.json', quick ? ['--accounts', '60', '--instances', '25'] : [], quick);

  const ssmRatio = Number(ssm.throughput.clientToRawRatio);
  const inventoryRatio = Number((inventory.idealMs / inventory.completeMs).toFixed(3));
  const roundTrips = Number(ssm.connect.roundTripsAfterStartSession);
  const loadPerCore = Number((Math.max(...loadavg().slice(0, 2)) / cpus().length).toFixed(2));
  const inventoryOk = inventoryRatio >= FLOORS.inventoryIdealOverActual;
  const inventoryJudged = inventoryOk || loadPerCore <= OVERLOADED_PER_CORE;
  const gates = [
    { name: 'SSM client MB/s ÷ raw channel MB/s (same run)', value: ssmRatio, floor: FLOORS.ssmClientToRaw, judged: true, ok: ssmRatio >= FLOORS.ssmClientToRaw },
    {
      name: 'inventory ideal time ÷ actual time',
      value: inventoryRatio,
      floor: FLOORS.inventoryIdealOverActual,
      judged: inventoryJudged,
      ok: inventoryOk,
      ...(inventoryJudged ? {} : { note: `not judged: the machine ran ${loadPerCore} runnable processes per core (over ${OVERLOADED_PER_CORE})` }),
    },
    { name: 'round trips to the first prompt byte (at most)', value: roundTrips, ceiling: FLOORS.connectRoundTripsAtMost, judged: true, ok: roundTrips <= FLOORS.connectRoundTripsAtMost },
  ];
  const report = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))), loadPerCore },
    seconds: Math.round((Date.now() - started) / 1000),
    ssm: {
      megabytes: ssm.throughput.client.megabytes,
      clientMegabytesPerSecond: ssm.throughput.client.megabytesPerSecond,
      rawChannelMegabytesPerSecond: ssm.throughput.rawChannel.megabytesPerSecond,
      clientToRawRatio: ssmRatio,
      clientCpuMillisecondsPerMegabyte: ssm.throughput.client.cpuMillisecondsPerMegabyte,
      connectMs: { latency0ms: ssm.connect.latency0ms.totalMs, latency50msRoundTrip: ssm.connect.latency50msRoundTrip.totalMs, roundTripsAfterStartSession: roundTrips },
    },
    channel: { megabytes: channel.megabytes, megabytesPerSecond: channel.megabytesPerSecond, cpuMillisecondsPerMegabyte: channel.cpuMillisecondsPerMegabyte },
    inventory: { accounts: inventory.accounts, instances: inventory.instances, latencyMs: inventory.latencyMs, firstRowMs: inventory.firstRowMs, completeMs: inventory.completeMs, idealMs: inventory.idealMs, completeOverIdeal: inventory.completeOverIdeal, errors: inventory.errors },
    listFilter,
    rendererBundle: bundle,
    cliColdStart: cli,
    gates,
    ok: gates.every((g) => g.ok || !g.judged),
  };
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const outArg = process.argv.indexOf('--out');
  const report = await runBench({ quick, log: (m) => console.log(`… ${m}`) });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const out = quick ? join(resultsDir, 'tmp', 'quick.json') : join(resultsDir, 'latest.json');
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, text);
  if (outArg > 0) writeFileSync(process.argv[outArg + 1]!, text);
  const s = report.ssm;
  console.log(`SSM: client ${s.clientMegabytesPerSecond} MB/s vs raw ${s.rawChannelMegabytesPerSecond} MB/s = ${s.clientToRawRatio}×; connect ${s.connectMs.latency0ms} ms at 0 ms, ${s.connectMs.latency50msRoundTrip} ms at 50 ms RTT`);
  console.log(`inventory: ${report.inventory.instances} instances, first row ${report.inventory.firstRowMs} ms, complete ${report.inventory.completeMs} ms vs ideal ${report.inventory.idealMs} ms`);
  console.log(`list filter at ${report.listFilter.instances}: worst query median ${report.listFilter.worstMedianMs} ms; renderer ${JSON.stringify(report.rendererBundle)}; CLI cold start ${report.cliColdStart.medianMs} ms (${report.cliColdStart.overBareNode}× bare node)`);
  for (const g of report.gates) console.log(`${g.ok ? 'ok  ' : g.judged ? 'FAIL' : 'n/j '} ${g.name}: ${g.value} (${'floor' in g ? `floor ${g.floor}` : `at most ${g.ceiling}`})${'note' in g ? ` — ${g.note}` : ''}`);
  console.log(`-> ${out}`);
  process.exit(report.ok ? 0 : 1);
}
