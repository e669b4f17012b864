// Fuzzing the AWS config-file reader (main/aws/iniFile.ts) and the SSO session validator
// (main/aws/ssoConfig.ts). ~/.aws/config is edited by hand and by other tools, so the reader must
// round-trip every well-formed file we can generate, report (never throw on) everything else with
// a line number inside the file, and keep its promise that one bad line never hides the rest.
import { describe, expect, it } from 'vitest';
import { parseIni, type IniDocument } from '../../main/aws/iniFile';
import { validateSsoSession } from '../../main/aws/ssoConfig';
import { FumidaiError } from '../../common/api/errors';
import { FUZZ_RUNS, FUZZ_SEED, Failures, gen, type Gen } from './gen';

interface Model {
  name: string;
  values: Array<[string, string]>;
  nested: Array<[string, Array<[string, string]>]>;
}

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789_-.';
const VALUE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :/_-.,=#;[]"\'@%+*é😀';

function uniqueKeys(g: Gen, n: number): string[] {
  const keys = new Set<string>();
  while (keys.size < n) keys.add(g.string(KEY.slice(0, 26), 1, 1) + g.string(KEY, 0, 12));
  return [...keys];
}

function model(g: Gen): Model[] {
  const names = new Set<string>();
  for (let n = g.int(0, 5); n > 0; n--) names.add(`${g.pick(['profile ', 'sso-session ', 'services ', ''])}${g.string('abcdefghijklmnopqrstuvwxyz0123456789-_.', 1, 16)}`);
  return [...names].map((name) => {
    const keys = uniqueKeys(g, g.int(0, 6));
    const nested: Model['nested'] = [];
    const values: Model['values'] = keys.map((k) => {
      if (g.chance(0.15)) {
        nested.push([k, uniqueKeys(g, g.int(1, 3)).map((nk) => [nk, g.string(VALUE, 0, 30).trim()])]);
        return [k, ''];
      }
      return [k, g.string(VALUE, 0, 40).trim()];
    });
    return { name, values, nested };
  });
}

/** Any spelling of the model a person or tool might write: spacing, comments, blank lines, CRLF. */
function serialize(g: Gen, sections: Model[]): string {
  const sp = () => g.pick(['', ' ', '  ', '\t']);
  const lines: string[] = [];
  const noise = () => {
    if (g.chance(0.2)) lines.push(g.pick(['', '   ', `# ${g.string(VALUE, 0, 20)}`, `; ${g.string(VALUE, 0, 20)}`, '\t#x']));
  };
  for (const s of sections) {
    noise();
    lines.push(`${sp()}[${sp()}${s.name.replace(/ /g, () => g.pick([' ', '  ', '\t']))}${sp()}]${g.chance(0.1) ? ' # comment' : ''}`);
    for (const [k, v] of s.values) {
      noise();
      lines.push(`${k}${sp()}=${sp()}${v}${sp()}`);
      const block = s.nested.find(([nk]) => nk === k);
      if (block) for (const [nk, nv] of block[1]) lines.push(`${g.pick(['  ', '    ', '\t'])}${nk}${sp()}=${sp()}${nv}`);
    }
  }
  noise();
  return lines.join(g.chance(0.3) ? '\r\n' : '\n') + (g.chance(0.5) ? '\n' : '');
}

const plain = (doc: IniDocument) =>
  JSON.stringify(doc.sections.map((s) => ({ name: s.name, values: [...s.values], nested: [...s.nested].map(([k, m]) => [k, [...m]]) })));
const expected = (sections: Model[]) => JSON.stringify(sections.map((s) => ({ name: s.name, values: s.values, nested: s.nested })));

describe(`config-file parser fuzzing (seed ${FUZZ_SEED})`, { timeout: 120_000 }, () => {
  it(`round-trips ${FUZZ_RUNS.toLocaleString('en')} generated well-formed files with no problems reported`, () => {
    const g = gen(FUZZ_SEED + 10);
    const failures = new Failures();
    for (let i = 0; i < FUZZ_RUNS; i++) {
      const sections = model(g);
      const text = serialize(g, sections);
      const doc = parseIni(text);
      if (doc.problems.length > 0) failures.add(i, `problems ${JSON.stringify(doc.problems)}`, text);
      else if (plain(doc) !== expected(sections)) failures.add(i, `parsed as ${plain(doc)}`, text);
    }
    expect(failures.list).toEqual([]);
  });

  it(`never throws on ${FUZZ_RUNS.toLocaleString('en')} mutated files, reports problems on real lines, and one bad line hides nothing else`, () => {
    const g = gen(FUZZ_SEED + 11);
    const failures = new Failures();
    let withProblems = 0;
    for (let i = 0; i < FUZZ_RUNS; i++) {
      const sections = model(g);
      const text = serialize(g, sections);
      if (i % 2 === 0) {
        // Arbitrary damage: the reader survives and stays within its own rules.
        const bad = g.chance(0.1) ? g.nasty(0, 200) : g.mutate(text);
        let doc: IniDocument;
        try {
          doc = parseIni(bad);
        } catch (error) {
          failures.add(i, `threw ${String(error)}`, bad);
          continue;
        }
        const lineCount = bad.split(/\r?\n/).length;
        if (doc.problems.length > 0) withProblems += 1;
        if (doc.problems.some((p) => !Number.isInteger(p.line) || p.line < 1 || p.line > lineCount || !p.message)) failures.add(i, `problem outside the file ${JSON.stringify(doc.problems)}`, bad);
        const names = doc.sections.map((s) => s.name);
        if (new Set(names).size !== names.length || names.some((n) => n === '' || n !== n.trim())) failures.add(i, `section names ${JSON.stringify(names)}`, bad);
        if (doc.sections.some((s) => [...s.values.keys()].some((k) => k !== k.toLowerCase() || k.includes('=')))) failures.add(i, 'a key with = or upper case', bad);
        continue;
      }
      // One garbage line (no "=", not a header, not a comment) inserted anywhere after the first
      // header: exactly one problem on that line, everything else read as before.
      const lines = text.split(/\r?\n/);
      const firstHeader = lines.findIndex((l) => /^\s*\[/.test(l));
      if (firstHeader < 0) continue;
      const at = g.int(firstHeader + 1, lines.length);
      const garbage = `${g.pick(['', ' '])}${g.string('abcdefghijklmnopqrstuvwxyz0123456789 :/_-.,"\'@%+*é😀', 1, 30).replace(/^[\s[#;]+/, 'x')}`;
      lines.splice(at, 0, garbage);
      const doc = parseIni(lines.join('\n'));
      if (doc.problems.length !== 1 || doc.problems[0]!.line !== at + 1) failures.add(i, `problems ${JSON.stringify(doc.problems)} for a bad line ${at + 1}`, lines.join('\n'));
      else if (plain(doc) !== expected(sections)) failures.add(i, `a bad line changed the rest: ${plain(doc)}`, lines.join('\n'));
    }
    expect(failures.list).toEqual([]);
    expect(withProblems).toBeGreaterThan(FUZZ_RUNS / 20);
  });

  it(`validateSsoSession rejects ${(FUZZ_RUNS / 2).toLocaleString('en')} hostile start URLs and regions only with a typed InvalidConfig error`, () => {
    const g = gen(FUZZ_SEED + 12);
    const failures = new Failures();
    let accepted = 0;
    for (let i = 0; i < FUZZ_RUNS / 2; i++) {
      const good = `https://d-${g.string('0123456789', 10, 10)}.awsapps.com/start`;
      const url = g.chance(0.5) ? g.mutate(good) : g.pick([good, `${g.pick(['javascript:', 'file://', 'http://', 'ftp://', ''])}${g.nasty(0, 30)}`, 'http://127.0.0.1:1/x']);
      const region = g.chance(0.7) ? g.pick(['us-east-1', 'eu-west-2', ' AP-NORTHEAST-1 ']) : g.mutate('us-gov-west-1');
      try {
        const r = validateSsoSession(url, region);
        accepted += 1;
        const parsed = new URL(r.startUrl);
        if (parsed.protocol !== 'https:' && !['127.0.0.1', 'localhost'].includes(parsed.hostname)) failures.add(i, `accepted ${r.startUrl}`, [url, region]);
        if (!/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/.test(r.region)) failures.add(i, `accepted region ${r.region}`, [url, region]);
      } catch (error) {
        if (!(error instanceof FumidaiError) || error.code !== 'InvalidConfig' || !error.message) failures.add(i, `threw ${String(error)}`, [url, region]);
      }
    }
    expect(failures.list).toEqual([]);
    expect(accepted).toBeGreaterThan(FUZZ_RUNS / 20);
  });
});
