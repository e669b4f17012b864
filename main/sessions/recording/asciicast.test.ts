import { describe, expect, it } from 'vitest';
import { encodeEvent, encodeHeader, parseAsciicast } from './asciicast';

const header = encodeHeader({ version: 2, width: 80, height: 24, timestamp: 1700000000 });

describe('asciicast v2 reader', () => {
  it('reads a header and events, including CRLF lines, a BOM and trailing header padding', () => {
    const text = `\ufeff${header}     \r\n${encodeEvent(0.5, 'o', 'hi\r\n')}${encodeEvent(1, 'r', '100x30')}\n${encodeEvent(1.25, 'm', 'mark')}`;
    const r = parseAsciicast(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.recording.header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(r.recording.events).toEqual([
      [0.5, 'o', 'hi\r\n'],
      [1, 'r', '100x30'],
      [1.25, 'm', 'mark'],
    ]);
    expect(r.recording.problems).toEqual([]);
  });

  it('refuses a file without a usable header, saying why on line 1', () => {
    expect(parseAsciicast('')).toEqual({ ok: false, problems: [{ line: 1, message: expect.stringContaining('empty') }] });
    expect(parseAsciicast('not json')).toEqual({ ok: false, problems: [{ line: 1, message: expect.stringContaining('not valid JSON') }] });
    expect(parseAsciicast('{"version":1,"width":80,"height":24}')).toEqual({ ok: false, problems: [{ line: 1, message: expect.stringContaining('version 1 is not supported') }] });
    const bad = parseAsciicast('{"version":2,"width":-5,"height":"x"}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]!.message).toMatch(/width/);
  });

  it('skips hostile or broken event lines with their line numbers and never throws', () => {
    const lines = [
      header,
      encodeEvent(0.1, 'o', 'ok').trimEnd(),
      '[1, "o"]',
      '{"__proto__": {"polluted": true}}',
      '[1e400, "o", "x"]',
      '[-1, "o", "x"]',
      '[2, 5, "x"]',
      '[2, "o", {"toString": 1}]',
      '[0.05, "o", "backwards"]',
      '[3, "r", "../../etc"]',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      `[4, "o", "${'A'.repeat(100)}"]`,
      encodeEvent(5, 'o', 'end').trimEnd(),
    ];
    const r = parseAsciicast(lines.join('\n'), { maxLineLength: 90 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.recording.events.map((e) => e[2])).toEqual(['ok', 'end']);
    expect(r.recording.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Random bytes never crash the reader.
    for (let seed = 1; seed < 200; seed++) {
      let s = '';
      for (let i = 0; i < 200; i++) s += String.fromCharCode((seed * 7919 + i * 104729) % 127);
      expect(() => parseAsciicast(`${header}\n${s}`)).not.toThrow();
      expect(() => parseAsciicast(s)).not.toThrow();
    }
  });

  it('bounds the number of events and of reported problems', () => {
    const many = [`${header}\n`, ...Array.from({ length: 50 }, (_, i) => encodeEvent(i, 'o', 'x'))].join('');
    const r = parseAsciicast(many, { maxEvents: 10 });
    expect(r.ok && r.recording.events.length).toBe(10);
    const junk = [header, ...Array.from({ length: 500 }, () => 'junk')].join('\n');
    const j = parseAsciicast(junk, { maxProblems: 5 });
    expect(j.ok && j.recording.problems.length).toBe(6);
    expect(j.ok && j.recording.problems[5]!.message).toBe('495 more problems not listed');
  });
});
