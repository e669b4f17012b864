// Electron static analysis (@doyensec/electronegativity) over the shipped sources: main/, preload/,
// renderer/ and common/ without their unit tests. The tool always exits 0, so this test is the gate:
// it writes the SARIF report to test-results/electronegativity.sarif and fails on every finding
// above LOW severity that test/security/electronegativity-allowlist.json does not justify, and on
// allow-list entries that no longer match anything (so the list cannot rot).
// SARIF carries no severity, so each result is joined with the same run's issue list by rule,
// file and line; a result that cannot be joined counts as HIGH.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js') as (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: unknown[] }>;

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  sample?: string;
}
interface Entry {
  rule: string;
  file: string;
  match: string;
  why: string;
}
interface Finding {
  rule: string;
  file: string;
  line: number;
  severity: string;
  source: string;
}

const work = mkdtempSync(join(tmpdir(), 'fumidai-electronegativity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the scanner; returns the SARIF findings with their severities. */
async function scan(): Promise<Finding[]> {
  const input = join(work, 'src');
  for (const dir of ['main', 'preload', 'renderer', 'common']) {
    cpSync(join(root, dir), join(input, dir), { recursive: true, filter: (src) => !/\.test\.tsx?$/.test(src) && !src.includes('node_modules') });
  }
  cpSync(join(root, 'package.json'), join(input, 'package.json'));
  const sarifPath = join(root, 'test-results', 'electronegativity.sarif');
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const electron = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const result = await run({ input, output: sarifPath, isSarif: true, isRelative: true, electronVersionOverride: electron });
  expect(result.errors, 'files the scanner could not parse').toEqual([]);
  // The report is written asynchronously by the tool.
  let sarif: { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> } | undefined;
  for (let i = 0; i < 100 && !sarif; i++) {
    try {
      sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (!sarif) throw new Error('electronegativity wrote no SARIF report');
  const sourceLine = (file: string, line: number) => {
    try {
      return readFileSync(join(root, file), 'utf8').split('\n')[line - 1] ?? '';
    } catch {
      return '';
    }
  };
  return sarif.runs[0]!.results.map((r) => {
    const loc = r.locations[0]!.physicalLocation;
    const file = loc.artifactLocation.uri;
    const line = loc.region.startLine;
    const issue = result.issues.find((i) => i.id === r.ruleId && i.file === file && Math.max(1, i.location.line) === line);
    return { rule: r.ruleId, file, line, severity: issue?.severity.name ?? 'HIGH', source: sourceLine(file, line) };
  });
}

describe('electronegativity', () => {
  it('finds nothing above LOW severity that the allow-list does not justify', { timeout: 180_000 }, async () => {
    const allow = (JSON.parse(readFileSync(join(root, 'test/security/electronegativity-allowlist.json'), 'utf8')) as { entries: Entry[] }).entries;
    for (const e of allow) expect(e.why.length, `${e.rule} in ${e.file} needs a reason`).toBeGreaterThan(30);
    const findings = await scan();
    // The scanner really ran over our code (it always reports our deliberate openExternal calls).
    expect(findings.length).toBeGreaterThan(0);
    const serious = findings.filter((f) => f.severity !== 'LOW' && f.severity !== 'INFORMATIONAL');
    const matches = (e: Entry, f: Finding) => e.rule === f.rule && e.file === f.file && f.source.includes(e.match);
    const unlisted = serious.filter((f) => !allow.some((e) => matches(e, f))).map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line} ${f.source.trim()}`);
    const stale = allow.filter((e) => !serious.some((f) => matches(e, f))).map((e) => `${e.rule} ${e.file} "${e.match}"`);
    expect(unlisted, 'findings above LOW with no justification in electronegativity-allowlist.json').toEqual([]);
    expect(stale, 'allow-list entries that match no finding any more (remove them)').toEqual([]);
  });
});
