// MessageId travels as a UUID whose two 8-byte halves are swapped on the wire (bytes 8..15 of the
// RFC 4122 form first). Acknowledgements carry the canonical, lower-case hyphenated string.
import { randomFillSync, randomUUID } from 'node:crypto';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

export function newMessageId(): string {
  return randomUUID();
}

/** Writes the canonical UUID into 16 bytes at `offset` in wire order (halves swapped). */
export function writeMessageId(target: Buffer, offset: number, uuid: string): void {
  if (!isUuid(uuid)) throw new TypeError(`MessageId must be a UUID, got ${JSON.stringify(uuid)}`);
  const raw = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  raw.copy(target, offset, 8, 16);
  raw.copy(target, offset + 8, 0, 8);
}

/** Reads 16 wire-order bytes at `offset` back into the canonical UUID string. */
export function readMessageId(source: Buffer, offset: number): string {
  const hex = source.toString('hex', offset + 8, offset + 16) + source.toString('hex', offset, offset + 8);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Random bytes are drawn in blocks: one syscall-backed fill serves 256 message ids.
const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let poolNext = POOL_IDS;

/** Writes a fresh random (version 4) UUID in wire order without a string round trip. */
export function writeRandomMessageId(target: Buffer, offset: number): void {
  if (poolNext === POOL_IDS) {
    randomFillSync(pool);
    poolNext = 0;
  }
  const at = poolNext++ * 16;
  // Canonical byte i (< 8) sits at wire offset 8 + i, canonical byte i (≥ 8) at wire offset i - 8.
  pool.copy(target, offset, at, at + 16);
  target[offset + 8 + 6] = (target[offset + 8 + 6]! & 0x0f) | 0x40; // version 4
  target[offset] = (target[offset]! & 0x3f) | 0x80; // RFC 4122 variant
}
