// Fuzzing the asciicast v2 reader (main/sessions/recording/asciicast.ts). Recordings are files on
// disk that anyone with access to the folder can edit or plant; History opens them. The reader
// must round-trip everything the recorder writes, and for any other file return only values that
// satisfy its own rules (times finite, non-negative and in order; resize sizes well-formed; limits
// kept; problems on real line numbers) without ever throwing.
import { describe, expect, it } from 'vitest';
import { encodeEvent, encodeHeader, parseAsciicast, type AsciicastEventCode, type AsciicastHeader, type ParseResult } from '../../main/sessions/recording/asciicast';
import { FUZZ_RUNS, FUZZ_SEED, Failures, gen, type Gen } from './gen';

function header(g: Gen): AsciicastHeader {
  const h: AsciicastHeader = { version: 2, width: g.int(1, 500), height: g.int(1, 200), timestamp: g.int(0, 2_000_000_000) };
  if (g.chance(0.3)) h.title = g.nasty(0, 30);
  if (g.chance(0.3)) h.env = { TERM: 'xterm-256color', SHELL: g.nasty(0, 10) };
  if (g.chance(0.5))
    h.fumidai = {
      identity: g.nasty(1, 20),
      accountId: g.string('0123456789', 12, 12),
      roleName: g.nasty(1, 20),
      instanceId: `i-${g.string('0123456789abcdef', 17, 17)}`,
      startedAt: new Date(g.int(0, 2e12)).toISOString(),
      ...(g.chance(0.5) ? { endedAt: new Date(g.int(0, 2e12)).toISOString(), exitCode: g.int(-1, 255) } : {}),
      ...(g.chance(0.3) ? { reason: g.nasty(0, 60) } : {}),
    };
  return h;
}

function events(g: Gen): Array<[number, AsciicastEventCode, string]> {
  let micros = 0;
  const out: Array<[number, AsciicastEventCode, string]> = [];
  for (let n = g.int(0, 12); n > 0; n--) {
    micros += g.int(0, 3_000_000);
    const code = g.pick(['o', 'o', 'o', 'i', 'r', 'm'] as const);
    const data = code === 'r' ? `${g.int(1, 99999)}x${g.int(1, 99999)}` : g.chance(0.5) ? g.nasty(0, 40) : g.string('abc $#\x1b[0m\r\n\t', 0, 60);
    out.push([micros / 1e6, code, data]);
  }
  return out;
}

/** JSON with keys sorted (the schema may return keys in its own order). */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

const file = (h: AsciicastHeader, ev: Array<[number, AsciicastEventCode, string]>) => `${encodeHeader(h)}\n${ev.map(([t, c, d]) => encodeEvent(t, c, d)).join('')}`;

/** The reader's promises about whatever it returns, checked independently of its code. */
function violations(text: string, result: ParseResult, limits: { maxEvents: number; maxLineLength: number; maxProblems: number }): string | undefined {
  const lines = text.split('\n').length;
  if (!result.ok) {
    if (result.problems.length !== 1 || result.problems[0]!.line !== 1 || !result.problems[0]!.message) return `refusal ${JSON.stringify(result.problems)}`;
    return undefined;
  }
  const { header, events: ev, problems } = result.recording;
  if (header.version !== 2 || !Number.isInteger(header.width) || header.width < 1 || !Number.isInteger(header.height) || header.height < 1) return `header ${JSON.stringify(header)}`;
  if (ev.length > limits.maxEvents) return `${ev.length} events over the limit`;
  let last = 0;
  for (const [t, c, d] of ev) {
    if (typeof t !== 'number' || !Number.isFinite(t) || t < last) return `time ${t} after ${last}`;
    last = t;
    if (typeof c !== 'string' || c.length < 1 || c.length > 16 || typeof d !== 'string' || d.length > limits.maxLineLength) return `event ${JSON.stringify([t, c, d]).slice(0, 80)}`;
    if (c === 'r' && !/^\d{1,5}x\d{1,5}$/.test(d)) return `resize ${JSON.stringify(d)}`;
  }
  if (problems.length > limits.maxProblems + 1) return `${problems.length} problems listed`;
  if (problems.some((p) => p.line < 2 || p.line > lines || !p.message)) return `problem lines ${JSON.stringify(problems.map((p) => p.line))} in ${lines} lines`;
  return undefined;
}

describe(`asciicast reader fuzzing (seed ${FUZZ_SEED})`, { timeout: 120_000 }, () => {
  it(`round-trips ${FUZZ_RUNS.toLocaleString('en')} recordings as the recorder writes them`, () => {
    const g = gen(FUZZ_SEED + 20);
    const failures = new Failures();
    for (let i = 0; i < FUZZ_RUNS; i++) {
      const h = header(g);
      const ev = events(g);
      const text = file(h, ev);
      const r = parseAsciicast(text);
      if (!r.ok) failures.add(i, `refused ${JSON.stringify(r.problems)}`, text);
      else if (r.recording.problems.length > 0) failures.add(i, `problems ${JSON.stringify(r.recording.problems)}`, text);
      else if (canonical(r.recording.header) !== canonical(h)) failures.add(i, `header ${JSON.stringify(r.recording.header)}`, text);
      else if (JSON.stringify(r.recording.events) !== JSON.stringify(ev)) failures.add(i, `events ${JSON.stringify(r.recording.events)}`, text);
      else if (r.recording.complete !== (h.fumidai ? h.fumidai.endedAt !== undefined : true)) failures.add(i, 'complete flag', text);
    }
    expect(failures.list).toEqual([]);
  });

  it(`returns only well-formed recordings or line-1 refusals for ${FUZZ_RUNS.toLocaleString('en')} damaged or hostile files`, () => {
    const g = gen(FUZZ_SEED + 21);
    const failures = new Failures();
    const outcomes = { refused: 0, withProblems: 0, clean: 0 };
    for (let i = 0; i < FUZZ_RUNS; i++) {
      const limits = g.chance(0.2) ? { maxEvents: g.int(0, 5), maxLineLength: g.int(10, 200), maxProblems: g.int(0, 3) } : { maxEvents: 5_000_000, maxLineLength: 4 * 1024 * 1024, maxProblems: 100 };
      const base = file(header(g), events(g));
      const lines = base.split('\n');
      const kind = g.int(0, 4);
      if (kind === 0) lines.splice(g.int(1, lines.length), 0, g.pick(['[1, "o"]', '[1e400, "o", "x"]', '[-1, "o", "x"]', '[2, 5, "x"]', '[0, "r", "80x24; rm -rf /"]', '{"__proto__":{"x":1}}', '[0.5, "oooooooooooooooooo", ""]', `[${g.int(0, 9)}, "o", ${JSON.stringify(g.nasty(0, 20))}]`, g.nasty(0, 30)]));
      else if (kind === 1) lines[g.int(0, lines.length - 1)] = g.mutate(lines[g.int(0, lines.length - 1)] ?? '');
      else if (kind === 2) lines[0] = JSON.stringify({ version: g.pick([2, 1, '2', null]), width: g.pick([80, 0, -5, 1e9, 'x', 1.5]), height: g.pick([24, 0, 10_001]), timestamp: g.pick([1, Infinity, 'x']), title: g.chance(0.5) ? 'x'.repeat(g.pick([10, 5000])) : undefined });
      else if (kind === 3) lines.reverse();
      const text = kind === 4 ? g.mutate(base) : lines.join(g.chance(0.2) ? '\r\n' : '\n');
      let r: ParseResult;
      try {
        r = parseAsciicast(text, limits);
      } catch (error) {
        failures.add(i, `threw ${String(error)}`, text);
        continue;
      }
      if (!r.ok) outcomes.refused += 1;
      else if (r.recording.problems.length > 0) outcomes.withProblems += 1;
      else outcomes.clean += 1;
      const why = violations(text, r, limits);
      if (why) failures.add(i, why, text);
    }
    expect(failures.list).toEqual([]);
    // Each outcome is reached often enough for the checks above to mean something.
    for (const n of Object.values(outcomes)) expect(n).toBeGreaterThan(FUZZ_RUNS / 50);
  });
});
