// Seeded input generators for the fuzz suites. Every run with the same seed makes the same inputs,
// so a failure message that names the seed and the input index is a reproduction recipe:
//   FUMIDAI_FUZZ_SEED=<seed> npx vitest run test/fuzz
import { seededRandom } from '../../emulator/datachannel/faults';

export const FUZZ_SEED = Number(process.env.FUMIDAI_FUZZ_SEED ?? 20261206);
/** Inputs per property in CI; the issue asks for at least 100,000 per parser. */
export const FUZZ_RUNS = Number(process.env.FUMIDAI_FUZZ_RUNS ?? 100_000);

export interface Gen {
  random(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A string of `length` characters from `alphabet`. */
  string(alphabet: string, min: number, max: number): string;
  /** Characters that break parsers: controls, separators, quotes, surrogates, BOM, non-BMP. */
  nasty(min: number, max: number): string;
  /** `text` with a few characters replaced, inserted, deleted or duplicated. */
  mutate(text: string): string;
}

const NASTY = [
  '\0', '\x01', '\x1b', '\x7f', '\t', '\r', '\n', '\r\n', ' ', '=', '[', ']', '#', ';', '&', '?', '%', '%%', '%0A', '%00', '%E0%A4%A', '"', "'", '\\', '/',
  '..', '../', ':', '@', '{', '}', ',', '\ufeff', '\u2028', '\ud800', '\udfff', '😀', 'é', 'İ', 'ß', '__proto__', 'constructor', '1e400', '-0', 'NaN',
];

export function gen(seed: number): Gen {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const g: Gen = {
    random,
    int,
    pick,
    chance: (p) => random() < p,
    string(alphabet, min, max) {
      let s = '';
      for (let n = int(min, max); n > 0; n--) s += alphabet[Math.floor(random() * alphabet.length)];
      return s;
    },
    nasty(min, max) {
      let s = '';
      for (let n = int(min, max); n > 0; n--) s += random() < 0.5 ? pick(NASTY) : String.fromCharCode(int(0, 0x2fff));
      return s;
    },
    mutate(text) {
      let s = text;
      for (let n = int(1, 3); n > 0; n--) {
        const at = int(0, s.length);
        const op = int(0, 4);
        if (op === 0) s = s.slice(0, at) + g.nasty(1, 3) + s.slice(at);
        else if (op === 1) s = s.slice(0, at) + s.slice(at + int(1, 8));
        else if (op === 2) s = s.slice(0, at) + s.slice(at, at + int(1, 16)) + s.slice(at);
        else if (op === 3) s = s.slice(0, at);
        else s = s.slice(0, at) + String.fromCharCode(int(0, 127)) + s.slice(at + 1);
      }
      return s;
    },
  };
  return g;
}

/** Collects at most a few failures (with the input that caused them) instead of one expect() per input. */
export class Failures {
  readonly list: string[] = [];
  add(index: number, what: string, input: unknown): void {
    if (this.list.length < 5) this.list.push(`#${index} (seed ${FUZZ_SEED}): ${what}: ${JSON.stringify(input).slice(0, 400)}`);
  }
}
