// MessageId travels as a UUID whose two 8-byte halves are swapped on the wire (bytes 8..15 of the
// RFC 4122 form first). Acknowledgements carry the canonical, lower-case hyphenated string.
import { randomUUID } from 'node:crypto';

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
