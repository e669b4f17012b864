// Fuzzing the fumidai:// deep-link parser (common/deepLinks.ts): anyone on any web page can hand
// the app such a link, so beyond "never throws" the parser must (1) round-trip every link we can
// legitimately make, in any parameter order and percent-encoding, and (2) only ever accept values
// that match the allow-list patterns, rejecting everything else with a short reason.
import { describe, expect, it } from 'vitest';
import { DEEP_LINK_MAX_LENGTH, parseDeepLink, type DeepLink } from '../../common/deepLinks';
import { FUZZ_RUNS, FUZZ_SEED, Failures, gen, type Gen } from './gen';

const HEX = '0123456789abcdef';
const REGIONS = ['us-east-1', 'ap-northeast-1', 'eu-west-2', 'us-gov-west-1', 'cn-north-1', 'il-central-1'];
const SESSION_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+@-';

function validLink(g: Gen): DeepLink {
  if (g.chance(0.3)) return { action: 'login', session: g.string(SESSION_CHARS, 1, 64) };
  const link = { action: 'connect' as const, account: g.string('0123456789', 12, 12), instance: `i-${g.string(HEX, 8, 17)}` };
  return g.chance(0.5) ? { ...link, region: g.pick(REGIONS) } : link;
}

/** Percent-encodes some characters (any character may be encoded; the parser decodes once). */
function encode(g: Gen, value: string): string {
  return [...value].map((c) => (g.chance(0.2) ? safeEncode(c).replace(/^[^%]/, (x) => `%${x.charCodeAt(0).toString(16).padStart(2, '0')}`) : c)).join('');
}

/** encodeURIComponent, but a lone surrogate (which it refuses) stays as it is. */
function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

function serialize(g: Gen, link: DeepLink): string {
  const { action, ...params } = link;
  const pairs = Object.entries(params).map(([k, v]) => `${k}=${encode(g, v)}`);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = g.int(0, i);
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  if (g.chance(0.1)) pairs.push(''); // a trailing '&' is harmless
  return `fumidai://${action}?${pairs.join('&')}`;
}

const PATTERNS: Record<string, RegExp> = { account: /^\d{12}$/, instance: /^i-[0-9a-f]{8,17}$/, region: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, session: /^[A-Za-z0-9_.+@-]{1,64}$/ };

/** What an accepted link must satisfy, checked independently of the parser's own code. */
function acceptable(raw: string, link: DeepLink): string | undefined {
  if (raw.length > DEEP_LINK_MAX_LENGTH) return 'accepted an oversize link';
  if (!raw.startsWith(`fumidai://${link.action}`)) return 'accepted another scheme or action';
  if (/[\s\\#]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return 'accepted whitespace, control characters, a backslash or a fragment';
  const keys = Object.keys(link).filter((k) => k !== 'action');
  const allowed = link.action === 'login' ? ['session'] : ['account', 'instance', 'region'];
  if (keys.some((k) => !allowed.includes(k))) return `accepted an unknown key ${keys}`;
  for (const k of keys) if (!PATTERNS[k]!.test((link as unknown as Record<string, string>)[k]!)) return `accepted a bad ${k}`;
  return undefined;
}

describe(`deep-link parser fuzzing (seed ${FUZZ_SEED})`, { timeout: 120_000 }, () => {
  it(`round-trips ${FUZZ_RUNS.toLocaleString('en')} valid links in any parameter order and percent-encoding`, () => {
    const g = gen(FUZZ_SEED);
    const failures = new Failures();
    for (let i = 0; i < FUZZ_RUNS; i++) {
      const link = validLink(g);
      const raw = serialize(g, link);
      const result = parseDeepLink(raw);
      if (raw.length > DEEP_LINK_MAX_LENGTH) {
        if (result.ok) failures.add(i, 'oversize link accepted', raw);
        continue;
      }
      if (!result.ok) failures.add(i, `rejected (${result.reason})`, raw);
      else if (JSON.stringify(result.link) !== JSON.stringify(link) && !sameLink(result.link, link)) failures.add(i, `parsed as ${JSON.stringify(result.link)}`, raw);
    }
    expect(failures.list).toEqual([]);
  });

  it(`accepts only allow-listed values and rejects the rest with a short reason, over ${FUZZ_RUNS.toLocaleString('en')} hostile links`, () => {
    const g = gen(FUZZ_SEED + 1);
    const failures = new Failures();
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < FUZZ_RUNS; i++) {
      const kind = g.int(0, 3);
      let raw: string;
      if (kind === 0) raw = g.mutate(serialize(g, validLink(g)));
      else if (kind === 1) {
        // A valid link with one value swapped for hostile text (encoded or not).
        const link = validLink(g) as unknown as Record<string, string>;
        const key = g.pick(Object.keys(link).filter((k) => k !== 'action'));
        link[key] = g.chance(0.5) ? g.nasty(0, 20) : g.pick(['../../etc/passwd', 'x;rm -rf /', '<script>alert(1)</script>', 'javascript:alert(1)', '1234567890123', 'i-XYZ', 'mars', 'a'.repeat(65)]);
        raw = serialize(g, link as unknown as DeepLink).replace(/[^?&=]+$/, (v) => (g.chance(0.5) ? safeEncode(v) : v));
      } else if (kind === 2) raw = `fumidai://${g.pick(['connect', 'login', 'delete', 'CONNECT', '', 'constructor'])}${g.pick(['?', '', '/', ':22?', '#'])}${g.nasty(0, 40)}`;
      else raw = g.chance(0.05) ? `fumidai://login?session=a&${'x'.repeat(g.int(400, 5000))}` : g.nasty(0, 80);
      let result: ReturnType<typeof parseDeepLink>;
      try {
        result = parseDeepLink(raw);
      } catch (error) {
        failures.add(i, `threw ${String(error)}`, raw);
        continue;
      }
      if (result.ok) {
        accepted += 1;
        const why = acceptable(raw, result.link);
        if (why) failures.add(i, why, raw);
      } else {
        rejected += 1;
        if (typeof result.reason !== 'string' || result.reason.length === 0 || result.reason.length > 200) failures.add(i, `reason ${JSON.stringify(result.reason)}`, raw);
      }
    }
    expect(failures.list).toEqual([]);
    // The generator must reach both outcomes, or the properties above test nothing.
    expect(accepted).toBeGreaterThan(FUZZ_RUNS / 100);
    expect(rejected).toBeGreaterThan(FUZZ_RUNS / 2);
  });
});

function sameLink(a: DeepLink, b: DeepLink): boolean {
  const norm = (l: DeepLink) => JSON.stringify(Object.entries(l).sort(([x], [y]) => x.localeCompare(y)));
  return norm(a) === norm(b);
}
