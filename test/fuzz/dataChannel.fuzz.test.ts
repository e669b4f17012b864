// Fuzzing the Session Manager wire layer (main/ssm/protocol) beyond "does not throw" (that half,
// 100,000 mutated frames through decodeMessage, is test/integration/datachannel/fuzz.test.ts):
// every message the encoder can make decodes to exactly itself, the length limit is a typed
// rejection, smux frames survive any split of the byte stream, and the UTF-8 chunker never loses,
// reorders or splits a character.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PAYLOAD_LENGTH, MessageType, SmuxFrameParser, Utf8Chunker, decodeMessage, encodeMessage, encodeSmuxFrame, type SmuxCmdValue } from '../../main/ssm/protocol';
import { FUZZ_RUNS, FUZZ_SEED, Failures, gen, type Gen } from './gen';

const TYPES = Object.values(MessageType);
const HEX = '0123456789abcdef';
const uuid = (g: Gen) => `${g.string(HEX, 8, 8)}-${g.string(HEX, 4, 4)}-${g.string(HEX, 4, 4)}-${g.string(HEX, 4, 4)}-${g.string(HEX, 12, 12)}`;
function bytes(g: Gen, max: number): Buffer {
  const b = Buffer.allocUnsafe(g.chance(0.1) ? 0 : g.int(0, max));
  for (let i = 0; i < b.length; i++) b[i] = Math.floor(g.random() * 256);
  return b;
}
const bigInt = (g: Gen) => g.pick([0, 1, Number.MAX_SAFE_INTEGER, g.int(0, 2 ** 31), Math.floor(g.random() * Number.MAX_SAFE_INTEGER)]);

describe(`data-channel wire fuzzing (seed ${FUZZ_SEED})`, { timeout: 120_000 }, () => {
  it(`decodes ${FUZZ_RUNS.toLocaleString('en')} encoded messages back to exactly what was encoded`, () => {
    const g = gen(FUZZ_SEED + 30);
    const failures = new Failures();
    for (let i = 0; i < FUZZ_RUNS; i++) {
      const init = {
        messageType: g.pick(TYPES),
        schemaVersion: g.pick([1, 0, 0xffffffff]),
        createdDate: g.int(1, Number.MAX_SAFE_INTEGER),
        sequenceNumber: bigInt(g),
        flags: g.pick([0, 1, 2, 3, bigInt(g)]),
        messageId: uuid(g),
        payloadType: g.int(0, 0xffffffff),
        payload: bytes(g, 1500),
      };
      const result = decodeMessage(encodeMessage(init));
      if (!result.ok) {
        failures.add(i, `refused: ${result.code}`, { ...init, payload: init.payload.length });
        continue;
      }
      const m = result.message;
      for (const key of ['messageType', 'schemaVersion', 'createdDate', 'sequenceNumber', 'flags', 'messageId', 'payloadType'] as const) {
        if (m[key] !== init[key]) failures.add(i, `${key} came back as ${m[key]}`, { ...init, payload: init.payload.length });
      }
      if (!m.payload.equals(init.payload) || m.declaredPayloadLength !== init.payload.length) failures.add(i, 'payload changed', init.payload.length);
      // The size limit is a typed refusal, whichever side of it the payload falls.
      const limit = g.int(0, 1600);
      const limited = decodeMessage(encodeMessage(init), { maxPayloadLength: limit });
      if (init.payload.length > limit ? limited.ok || limited.code !== 'payload_too_large' : !limited.ok) failures.add(i, `limit ${limit}: ${limited.ok ? 'accepted' : limited.code}`, init.payload.length);
    }
    expect(failures.list).toEqual([]);
    expect(DEFAULT_MAX_PAYLOAD_LENGTH).toBeGreaterThan(1500);
  });

  it(`reassembles ${FUZZ_RUNS.toLocaleString('en')} smux frames from a byte stream split at random points`, () => {
    const g = gen(FUZZ_SEED + 31);
    const failures = new Failures();
    let sent = 0;
    for (let round = 0; sent < FUZZ_RUNS; round++) {
      const frames = Array.from({ length: g.int(1, 20) }, () => ({ cmd: g.int(0, 3) as SmuxCmdValue, streamId: g.pick([0, 1, 3, 0xffffffff, g.int(0, 2 ** 32 - 1)]), data: bytes(g, 300) }));
      sent += frames.length;
      const stream = Buffer.concat(frames.map((f) => encodeSmuxFrame(f.cmd, f.streamId, f.data)));
      const parser = new SmuxFrameParser();
      const got: typeof frames = [];
      for (let at = 0; at < stream.length; ) {
        const end = Math.min(stream.length, at + g.pick([1, 7, 8, 9, g.int(1, 600)]));
        got.push(...parser.push(stream.subarray(at, end)));
        at = end;
      }
      if (got.length !== frames.length || got.some((f, k) => f.cmd !== frames[k]!.cmd || f.streamId !== frames[k]!.streamId || !f.data.equals(frames[k]!.data))) failures.add(round, `${got.length} of ${frames.length} frames came back intact`, frames.map((f) => [f.cmd, f.streamId, f.data.length]));
    }
    expect(failures.list).toEqual([]);
  });

  it(`chunks ${(FUZZ_RUNS / 10).toLocaleString('en')} streams of text and bytes without losing, reordering or splitting a character`, () => {
    const g = gen(FUZZ_SEED + 32);
    const failures = new Failures();
    const text = ['a', 'é', '€', '😀', '\r\n', '\x1b[31m', '日本', 'İ'];
    for (let i = 0; i < FUZZ_RUNS / 10; i++) {
      const utf8 = g.chance(0.7);
      const input = utf8 ? Buffer.from(Array.from({ length: g.int(0, 200) }, () => g.pick(text)).join('')) : bytes(g, 400);
      const max = g.int(4, 64);
      const chunker = new Utf8Chunker(max);
      const out: Buffer[] = [];
      for (let at = 0; at < input.length; ) {
        const end = Math.min(input.length, at + g.int(1, 100));
        out.push(...chunker.push(input.subarray(at, end)));
        at = end;
      }
      out.push(...chunker.flush());
      if (!Buffer.concat(out).equals(input)) failures.add(i, 'bytes changed', input.toString('hex'));
      if (out.some((c) => c.length > max || c.length === 0)) failures.add(i, `chunk sizes ${out.map((c) => c.length)} for max ${max}`, input.length);
      // Valid UTF-8 in, so every chunk must be valid UTF-8 on its own (no character cut in two).
      if (utf8 && out.some((c) => c.toString('utf8').includes('\ufffd'))) failures.add(i, 'a character was split', input.toString());
    }
    expect(failures.list).toEqual([]);
  });
});
