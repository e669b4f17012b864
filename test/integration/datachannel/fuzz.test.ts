import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MessageType,
  PayloadType,
  SmuxFrameParser,
  decodeMessage,
  encodeMessage,
  parseAcknowledge,
  parseChannelClosed,
  parseFlag,
  parseHandshakeResponse,
  parseOpenDataChannel,
  parseSize,
  sha256,
} from '../../../main/ssm/protocol';
import { seededRandom } from '../../../emulator/datachannel/faults';
import { startHarness, type Harness } from './helpers/harness';

const SEED = Number(process.env.FUMIDAI_FUZZ_SEED ?? 4242);

/** Valid frames of every kind, to be mutated. */
function corpus(): Buffer[] {
  const types = Object.values(MessageType);
  return types.flatMap((messageType, i) => [
    encodeMessage({ messageType, payloadType: PayloadType.Output, sequenceNumber: i, payload: Buffer.from('echo hello\r') }),
    encodeMessage({ messageType, payloadType: PayloadType.Size, sequenceNumber: i, payload: Buffer.from('{"cols":80,"rows":24}') }),
    encodeMessage({ messageType, payloadType: 0, payload: Buffer.alloc(0) }),
  ]);
}

function mutate(frame: Buffer, random: () => number): Buffer {
  const out = Buffer.from(frame);
  const pick = random();
  if (pick < 0.4) {
    // Flip a few bytes anywhere (header fields, digest, payload).
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) out.writeUInt8(Math.floor(random() * 256), Math.floor(random() * out.length));
    return out;
  }
  if (pick < 0.55) return out.subarray(0, Math.floor(random() * out.length)); // truncate
  if (pick < 0.7) {
    // Rewrite a length field with an extreme value.
    const values = [0, 1, 115, 116, 117, 0x7fffffff, 0xffffffff, out.length, out.length + 1];
    out.writeUInt32BE(values[Math.floor(random() * values.length)]!, random() < 0.5 ? 0 : 116);
    return out;
  }
  if (pick < 0.8) return Buffer.concat([out, randomBytes(Math.floor(random() * 64))]); // trailing junk
  if (pick < 0.9) {
    // Fix the digest after corrupting the payload so deeper parsers see garbage.
    for (let i = 120; i < out.length; i++) if (random() < 0.3) out.writeUInt8(Math.floor(random() * 256), i);
    sha256(out.subarray(120)).copy(out, 80);
    return out;
  }
  return randomBytes(Math.floor(random() * 300)); // pure noise
}

describe('decoder fuzzing', () => {
  it(`survives 100,000 random and mutated frames (seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    const base = corpus();
    let accepted = 0;
    const failures: string[] = [];
    // Plain checks in the loop (expect() per frame would dominate the run time).
    for (let i = 0; i < 100_000; i++) {
      const frame = mutate(base[Math.floor(random() * base.length)]!, random);
      for (const strict of [true, false]) {
        const result = decodeMessage(frame, { strict });
        if (!result.ok) {
          if (typeof result.detail !== 'string') failures.push(`frame ${i}: no detail`);
          continue;
        }
        accepted += 1;
        const m = result.message;
        // Whatever the strict decoder accepts is self-consistent.
        if (strict && m.messageType !== 'start_publication' && m.messageType !== 'pause_publication') {
          if (m.payload.length !== m.declaredPayloadLength) failures.push(`frame ${i}: length mismatch accepted`);
          if (m.payload.length > 0 && !sha256(m.payload).equals(m.payloadDigest)) failures.push(`frame ${i}: bad digest accepted`);
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(accepted).toBeGreaterThan(1000); // the mutations reach past the first checks
  });

  it('payload and open-frame parsers return errors for 20,000 mutated JSON documents, never throw', () => {
    const random = seededRandom(SEED + 3);
    const documents = [
      '{"AcknowledgedMessageType":"output_stream_data","AcknowledgedMessageId":"8769f130-2f71-af82-cfc9-96ada92429eb","AcknowledgedMessageSequenceNumber":0,"IsSequentialMessage":true}',
      '{"cols":80,"rows":24}',
      '{"ClientVersion":"1.2.677.0","ProcessedClientActions":[{"ActionType":"SessionType","ActionStatus":1,"ActionResult":null,"Error":""}],"Errors":null}',
      '{"SessionId":"s","Output":"","ExitCode":3}',
      '{"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"t","ClientId":"c","ClientVersion":"1.2.677.0"}',
    ].map((d) => Buffer.from(d));
    let ok = 0;
    for (let i = 0; i < 20_000; i++) {
      const doc = Buffer.from(documents[Math.floor(random() * documents.length)]!);
      for (let n = Math.floor(random() * 3); n > 0; n--) doc.writeUInt8(Math.floor(random() * 128), Math.floor(random() * doc.length));
      const results = [parseAcknowledge(doc), parseSize(doc), parseFlag(doc), parseHandshakeResponse(doc), parseChannelClosed(doc), parseOpenDataChannel(doc.toString('latin1'))];
      ok += results.filter((r) => r.ok).length;
    }
    expect(ok).toBeGreaterThan(0);
  });

  it('the smux parser rejects garbage with a typed error, never anything else', () => {
    const random = seededRandom(SEED + 1);
    let rejected = 0;
    for (let i = 0; i < 5_000; i++) {
      try {
        new SmuxFrameParser().push(randomBytes(1 + Math.floor(random() * 100)));
      } catch (error) {
        expect((error as Error).constructor.name).toBe('SmuxProtocolError');
        rejected += 1;
      }
    }
    expect(rejected).toBeGreaterThan(0);
  });
});

describe('live agent fuzzing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps a shell session working after 3,000 mutated frames', async () => {
    const { client } = await h.open();
    await client.waitForText('$ ');
    const random = seededRandom(SEED + 2);
    // Only frames that cannot pass as the next valid input (the digest check or a high seq stops
    // them), so the shell never receives random keystrokes.
    const base = [encodeMessage({ messageType: MessageType.InputStreamData, payloadType: PayloadType.Output, sequenceNumber: 1_000_000, payload: Buffer.from('x') }), ...corpus().filter((f) => f.readUInt32BE(112) !== PayloadType.Output)];
    for (let i = 0; i < 3_000; i++) {
      const frame = mutate(base[Math.floor(random() * base.length)]!, random);
      const decoded = decodeMessage(frame);
      if (decoded.ok && decoded.message.messageType === MessageType.InputStreamData && decoded.message.sequenceNumber < 1000) continue;
      client.sendRaw(frame);
    }
    client.type('echo alive-$((6*7))\r');
    await client.waitForText('alive-42', 15_000);
    client.close();
  });
});
