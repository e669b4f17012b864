import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, sha256 } from './codec';
import { HEADER_LENGTH, MessageType, PayloadType } from './constants';
import { readMessageId, writeMessageId } from './messageId';

describe('message codec', () => {
  it('writes the documented header layout', () => {
    const payload = Buffer.from('hello');
    const frame = encodeMessage({
      messageType: MessageType.OutputStreamData,
      payloadType: PayloadType.Output,
      sequenceNumber: 7,
      flags: 1,
      createdDate: 1_700_000_000_123,
      messageId: '8769f130-2f71-af82-cfc9-96ada92429eb',
      payload,
    });
    expect(frame.length).toBe(125);
    expect(frame.readUInt32BE(0)).toBe(HEADER_LENGTH);
    expect(frame.toString('latin1', 4, 36)).toBe('output_stream_data'.padEnd(32, ' '));
    expect(frame.readUInt32BE(36)).toBe(1);
    expect(frame.readBigUInt64BE(40)).toBe(1_700_000_000_123n);
    expect(frame.readBigInt64BE(48)).toBe(7n);
    expect(frame.readBigUInt64BE(56)).toBe(1n);
    // The verified example from the protocol notes: halves swapped on the wire.
    expect(frame.toString('hex', 64, 80)).toBe('cfc996ada92429eb8769f1302f71af82');
    expect(frame.subarray(80, 112).equals(sha256(payload))).toBe(true);
    expect(frame.readUInt32BE(112)).toBe(1);
    expect(frame.readUInt32BE(116)).toBe(5);
    expect(frame.toString('utf8', 120)).toBe('hello');
  });

  it('round-trips every field', () => {
    const frame = encodeMessage({ messageType: 'acknowledge', payloadType: 0, sequenceNumber: 2 ** 40, flags: 3, payload: Buffer.from('{}') });
    const decoded = decodeMessage(frame);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.message.messageType).toBe('acknowledge');
    expect(decoded.message.sequenceNumber).toBe(2 ** 40);
    expect(decoded.message.flags).toBe(3);
    expect(decoded.message.payload.toString()).toBe('{}');
  });

  it('generates version-4 message ids when none is given', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const decoded = decodeMessage(encodeMessage({ messageType: 'acknowledge', payloadType: 0 }));
      expect(decoded.ok && decoded.message.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      if (decoded.ok) ids.add(decoded.message.messageId);
    }
    expect(ids.size).toBe(600);
  });

  it('swaps UUID halves symmetrically', () => {
    const b = Buffer.alloc(16);
    writeMessageId(b, 0, '00112233-4455-6677-8899-aabbccddeeff');
    expect(b.toString('hex')).toBe('8899aabbccddeeff0011223344556677');
    expect(readMessageId(b, 0)).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });

  it('applies the payload size limit to start_publication and pause_publication too (found by fuzzing)', () => {
    for (const messageType of [MessageType.StartPublication, MessageType.PausePublication]) {
      const frame = encodeMessage({ messageType, payloadType: 0, payload: Buffer.alloc(2000) });
      expect(decodeMessage(frame, { maxPayloadLength: 1000 })).toMatchObject({ ok: false, code: 'payload_too_large' });
      expect(decodeMessage(frame, { maxPayloadLength: 2000 }).ok).toBe(true);
    }
  });

  it('refuses malformed frames with a reason instead of throwing', () => {
    const good = encodeMessage({ messageType: 'input_stream_data', payloadType: 1, payload: Buffer.from('abc') });
    expect(decodeMessage(good.subarray(0, 50))).toMatchObject({ ok: false, code: 'short_frame' });
    const badDigest = Buffer.from(good);
    badDigest.writeUInt8(badDigest.readUInt8(121) ^ 0xff, 121);
    expect(decodeMessage(badDigest)).toMatchObject({ ok: false, code: 'digest_mismatch' });
    const unknown = encodeMessage({ messageType: 'interactive_shell', payloadType: 1 });
    expect(decodeMessage(unknown)).toMatchObject({ ok: false, code: 'unknown_message_type' });
    expect(decodeMessage(unknown, { strict: false }).ok).toBe(true);
    const oversized = Buffer.from(good);
    oversized.writeUInt32BE(0x7fffffff, 116);
    expect(decodeMessage(oversized)).toMatchObject({ ok: false, code: 'payload_too_large' });
    const mismatch = Buffer.from(good);
    mismatch.writeUInt32BE(2, 116);
    expect(decodeMessage(mismatch)).toMatchObject({ ok: false, code: 'payload_length_mismatch' });
    const zeroDate = Buffer.from(good);
    zeroDate.writeBigUInt64BE(0n, 40);
    expect(decodeMessage(zeroDate)).toMatchObject({ ok: false, code: 'bad_created_date' });
    const badHl = Buffer.from(good);
    badHl.writeUInt32BE(5000, 0);
    expect(decodeMessage(badHl)).toMatchObject({ ok: false, code: 'bad_header_length' });
  });

  it('never validates start/pause_publication (the real service sends them sloppily)', () => {
    const frame = encodeMessage({ messageType: 'pause_publication', payloadType: 0, createdDate: 1 });
    frame.writeBigUInt64BE(0n, 40);
    frame.writeUInt32BE(99, 116);
    expect(decodeMessage(frame).ok).toBe(true);
  });

  it('lenient mode slices the payload after the header and ignores a zero PayloadLength digest', () => {
    const frame = encodeMessage({ messageType: 'output_stream_data', payloadType: 1, payload: Buffer.from('xyz') });
    frame.writeUInt32BE(0, 116);
    frame.fill(0, 80, 112);
    const decoded = decodeMessage(frame, { strict: false });
    expect(decoded.ok && decoded.message.payload.toString()).toBe('xyz');
  });
});
