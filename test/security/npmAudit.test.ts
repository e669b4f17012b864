// `npm audit --omit=dev`: the production dependency tree has no high or critical advisories, or each
// one is listed in npm-audit-allowlist.json with the reason it does not affect Fumidai.
// The audit needs npm's advisory service. When that service cannot be reached (an offline CI
// machine, or a registry mirror that does not implement the bulk advisory endpoint) this one test
// is skipped and says why; every other security gate still runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface AuditReport {
  vulnerabilities?: Record<string, { name: string; severity: string; via: Array<string | { title?: string; url?: string }> }>;
  error?: { summary?: string; detail?: string };
  message?: string;
}

type Allow = Array<{ package: string; why: string }>;

/** The gate itself: high and critical advisories not justified in the allow-list. */
function unjustified(report: Required<Pick<AuditReport, 'vulnerabilities'>>, allow: Allow): string[] {
  return Object.values(report.vulnerabilities)
    .filter((v) => v.severity === 'high' || v.severity === 'critical')
    .filter((v) => !allow.some((a) => a.package === v.name && a.why.length > 30))
    .map((v) => `${v.severity} ${v.name}: ${v.via.map((x) => (typeof x === 'string' ? x : x.title)).join('; ')}`);
}

describe('npm audit (production dependencies)', () => {
  it('the gate fails on an unlisted high or critical advisory and passes moderate ones and justified entries', () => {
    const report = {
      vulnerabilities: {
        a: { name: 'a', severity: 'critical', via: [{ title: 'RCE' }] },
        b: { name: 'b', severity: 'high', via: ['a'] },
        c: { name: 'c', severity: 'moderate', via: [{ title: 'ReDoS' }] },
      },
    };
    expect(unjustified(report, [])).toEqual(['critical a: RCE', 'high b: a']);
    expect(unjustified(report, [{ package: 'b', why: 'reached only through a, which we do not call at run time' }])).toEqual(['critical a: RCE']);
    expect(unjustified(report, [{ package: 'a', why: 'short' }])).toHaveLength(2);
  });


  it('has no high or critical advisories without a documented reason', { timeout: 180_000 }, (ctx) => {
    const res = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 150_000 });
    let report: AuditReport;
    try {
      report = JSON.parse(res.stdout) as AuditReport;
    } catch {
      report = { message: (res.stderr || res.error?.message || 'no output').slice(0, 300) };
    }
    if (!report.vulnerabilities) {
      const why = report.message ?? report.error?.summary ?? 'no report';
      console.warn(`npm audit could not run here, so this gate is skipped: ${why}`);
      ctx.skip(`npm audit could not reach the advisory service: ${why}`);
      return;
    }
    const allow = (JSON.parse(readFileSync(fileURLToPath(new URL('./npm-audit-allowlist.json', import.meta.url)), 'utf8')) as { entries: Allow }).entries;
    expect(unjustified({ vulnerabilities: report.vulnerabilities }, allow)).toEqual([]);
  });
});
