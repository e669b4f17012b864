#!/usr/bin/env node
// The one test command (`npm test`): builds the app, runs every suite — unit and integration
// (vitest), end to end in Chromium (vitest.e2e.config.ts) — and ends with one plain line
// `N passed, N failed` summing them all. Exit code is non-zero if any suite failed or crashed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs one suite

function run(label, args) {
  console.log(`\n=== ${label}: ${args.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(npx, args, { cwd: root, stdio: 'inherit', env: process.env });
  console.log(`=== ${label} finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${res.status})`);
  return res.status ?? 1;
}

function vitestSuite(label, configArgs) {
  const out = join(resultsDir, `${label}.json`);
  rmSync(out, { force: true });
  const status = run(label, ['vitest', 'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  if (!existsSync(out)) return { label, passed: 0, failed: 1, skipped: 0, crashed: true };
  const json = JSON.parse(readFileSync(out, 'utf8'));
  // A file that fails to load counts as a failure even though it has no test results.
  const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  const failed = json.numFailedTests + brokenFiles + (status !== 0 && json.numFailedTests === 0 && brokenFiles === 0 ? 1 : 0);
  return { label, passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests };
}

const suites = [];
const want = (name) => only.length === 0 || only.includes(name);

if (want('build') || want('e2e')) {
  const status = run('build', ['electron-vite', 'build']);
  suites.push({ label: 'build', passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}
if (want('unit')) suites.push(vitestSuite('unit', []));
if (want('e2e') && existsSync(join(root, 'vitest.e2e.config.ts'))) suites.push(vitestSuite('e2e', ['--config', 'vitest.e2e.config.ts']));
// The fault soak's and the benchmarks' short forms, each alone on the machine (`npm run soak` and
// `npm run bench` are the full forms).
if (want('soak')) suites.push(vitestSuite('soak', ['--config', 'vitest.slow.config.ts', 'test/soak']));
if (want('bench')) suites.push(vitestSuite('bench', ['--config', 'vitest.slow.config.ts', 'test/bench']));

console.log('\nSuites:');
for (const s of suites) console.log(`  ${s.label.padEnd(6)} ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}${s.crashed ? ' (crashed before reporting)' : ''}`);
const total = suites.reduce((a, s) => ({ passed: a.passed + s.passed, failed: a.failed + s.failed, skipped: a.skipped + s.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
