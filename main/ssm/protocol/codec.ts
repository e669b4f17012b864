// Encoder and decoder of the 120-byte-header binary message. The decoder never throws: every
// malformed frame comes back as a typed error so a peer can log it and drop the frame (no ack),
// which is what both the plugin and the agent do with invalid messages.
import * as nodeCrypto from 'node:crypto';
import { HEADER_LENGTH, KNOWN_MESSAGE_TYPES, MESSAGE_TYPE_LENGTH, MessageType, PAYLOAD_OFFSET, SCHEMA_VERSION } from './constants';
import { readMessageId, writeMessageId, writeRandomMessageId } from './messageId';

const PRINTABLE = /^[\x21-\x7e]+$/;

export interface DataChannelMessage {
  messageType: string;
  schemaVersion: number;
  /** Unix epoch milliseconds. */
  createdDate: number;
  sequenceNumber: number;
  flags: number;
  /** Canonical UUID string. */
  messageId: string;
  payloadType: number;
  payload: Buffer;
}

export interface DecodedMessage extends DataChannelMessage {
  headerLength: number;
  /** PayloadLength as written in the header (may disagree with payload.length in lenient mode). */
  declaredPayloadLength: number;
  payloadDigest: Buffer;
}

export type MessageInit = Pick<DataChannelMessage, 'messageType' | 'payloadType'> &
  Partial<Omit<DataChannelMessage, 'messageType' | 'payloadType'>>;

export type DecodeErrorCode =
  | 'short_frame'
  | 'bad_header_length'
  | 'bad_message_type'
  | 'unknown_message_type'
  | 'bad_created_date'
  | 'bad_sequence_number'
  | 'payload_length_mismatch'
  | 'payload_too_large'
  | 'digest_mismatch';

export type DecodeResult =
  | { ok: true; message: DecodedMessage }
  | { ok: false; code: DecodeErrorCode; detail: string };

export interface DecodeOptions {
  /**
   * Strict (the emulator's default) additionally requires a known MessageType, PayloadLength equal to
   * the bytes present, and a digest on every non-empty payload. Lenient follows the official plugin:
   * the payload is whatever follows the header and the digest is checked only when PayloadLength ≠ 0.
   */
  strict?: boolean;
  /** Frames whose payload exceeds this are refused (default 1 MiB). */
  maxPayloadLength?: number;
}

export const DEFAULT_MAX_PAYLOAD_LENGTH = 1024 * 1024;

type OneShotHash = (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer;
// crypto.hash (Node ≥ 20.12) is a one-shot digest, much cheaper than createHash for small payloads.
const oneShot = (nodeCrypto as unknown as { hash?: OneShotHash }).hash;

export function sha256(data: Uint8Array): Buffer {
  return oneShot ? oneShot('sha256', data, 'buffer') : nodeCrypto.createHash('sha256').update(data).digest();
}

export function encodeMessage(init: MessageInit): Buffer {
  const payload = init.payload ?? Buffer.alloc(0);
  const frame = Buffer.allocUnsafe(PAYLOAD_OFFSET + payload.length);
  frame.writeUInt32BE(HEADER_LENGTH, 0);
  if (init.messageType.length === 0 || init.messageType.length > MESSAGE_TYPE_LENGTH || !PRINTABLE.test(init.messageType)) {
    throw new TypeError(`MessageType must be 1-32 printable ASCII characters, got ${JSON.stringify(init.messageType)}`);
  }
  frame.write(init.messageType.padEnd(MESSAGE_TYPE_LENGTH, ' '), 4, MESSAGE_TYPE_LENGTH, 'latin1');
  frame.writeUInt32BE(init.schemaVersion ?? SCHEMA_VERSION, 36);
  frame.writeBigUInt64BE(BigInt(init.createdDate ?? Date.now()), 40);
  frame.writeBigInt64BE(BigInt(init.sequenceNumber ?? 0), 48);
  frame.writeBigUInt64BE(BigInt(init.flags ?? 0), 56);
  if (init.messageId === undefined) writeRandomMessageId(frame, 64);
  else writeMessageId(frame, 64, init.messageId);
  sha256(payload).copy(frame, 80);
  frame.writeUInt32BE(init.payloadType, 112);
  frame.writeUInt32BE(payload.length, 116);
  payload.copy(frame, PAYLOAD_OFFSET);
  return frame;
}

const NON_VALIDATED = new Set<string>([MessageType.StartPublication, MessageType.PausePublication]);

function trimMessageType(raw: Buffer): string {
  return raw.toString('latin1').replace(/^[\s\0]+|[\s\0]+$/g, '');
}

export function decodeMessage(input: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const strict = options.strict ?? true;
  const maxPayload = options.maxPayloadLength ?? DEFAULT_MAX_PAYLOAD_LENGTH;
  const frame = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (frame.length < PAYLOAD_OFFSET) {
    return { ok: false, code: 'short_frame', detail: `frame of ${frame.length} bytes is shorter than the ${PAYLOAD_OFFSET}-byte header` };
  }
  const headerLength = frame.readUInt32BE(0);
  if (headerLength === 0 || headerLength + 4 > frame.length || headerLength < HEADER_LENGTH) {
    return { ok: false, code: 'bad_header_length', detail: `HeaderLength ${headerLength} does not fit a ${frame.length}-byte frame` };
  }
  const messageType = trimMessageType(frame.subarray(4, 4 + MESSAGE_TYPE_LENGTH));
  if (messageType.length === 0 || !PRINTABLE.test(messageType)) {
    return { ok: false, code: 'bad_message_type', detail: 'MessageType is empty or not printable ASCII' };
  }
  if (strict && !KNOWN_MESSAGE_TYPES.has(messageType)) {
    return { ok: false, code: 'unknown_message_type', detail: `unknown MessageType ${JSON.stringify(messageType)}` };
  }
  const sequence = frame.readBigInt64BE(48);
  const createdDate = frame.readBigUInt64BE(40);
  const flags = frame.readBigUInt64BE(56);
  const payloadStart = headerLength + 4;
  const declaredPayloadLength = frame.readUInt32BE(headerLength);
  const payload = frame.subarray(payloadStart);
  const message: DecodedMessage = {
    messageType,
    headerLength,
    schemaVersion: frame.readUInt32BE(36),
    createdDate: Number(createdDate),
    sequenceNumber: Number(sequence),
    flags: Number(flags),
    messageId: readMessageId(frame, 64),
    payloadDigest: frame.subarray(80, 112),
    payloadType: frame.readUInt32BE(112),
    declaredPayloadLength,
    payload,
  };
  // The size limit holds for every frame, the unvalidated control messages included (found by
  // fuzzing: a start_publication frame of any size used to pass).
  if (payload.length > maxPayload) {
    return { ok: false, code: 'payload_too_large', detail: `payload of ${payload.length} bytes exceeds ${maxPayload}` };
  }
  // The publication control messages are otherwise never validated (the real service sends them sloppily).
  if (NON_VALIDATED.has(messageType)) return { ok: true, message };
  if (createdDate === 0n || createdDate > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, code: 'bad_created_date', detail: 'CreatedDate is zero or out of range' };
  }
  if (sequence < 0n || sequence > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, code: 'bad_sequence_number', detail: `SequenceNumber ${sequence} is out of range` };
  }
  if (payload.length > maxPayload || declaredPayloadLength > maxPayload) {
    return { ok: false, code: 'payload_too_large', detail: `payload of ${Math.max(payload.length, declaredPayloadLength)} bytes exceeds ${maxPayload}` };
  }
  if (strict && declaredPayloadLength !== payload.length) {
    return { ok: false, code: 'payload_length_mismatch', detail: `PayloadLength says ${declaredPayloadLength} bytes, frame carries ${payload.length}` };
  }
  // Lenient readers also skip channel_closed: the real service's headers on it are unreliable.
  const checkDigest = strict ? payload.length > 0 : declaredPayloadLength !== 0 && messageType !== MessageType.ChannelClosed;
  if (checkDigest && !sha256(payload).equals(message.payloadDigest)) {
    return { ok: false, code: 'digest_mismatch', detail: 'SHA-256 of the payload does not match PayloadDigest' };
  }
  return { ok: true, message };
}
