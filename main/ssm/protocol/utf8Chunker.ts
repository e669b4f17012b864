// Splits a byte stream into payloads of at most `max` bytes that end on UTF-8 character
// boundaries, holding back a trailing incomplete sequence until more bytes arrive (the agent does
// this for shell output). Bytes that are not valid UTF-8 are passed through unchanged.

/** Length of the incomplete UTF-8 sequence at the end of `buf` (0 if it ends on a boundary). */
export function incompleteUtf8Tail(buf: Uint8Array): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = buf[n - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = byte >= 0xf0 && byte <= 0xf7 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (byte >= 0xf8) return 0;
    return need > back ? back : 0;
  }
  return 0;
}

export class Utf8Chunker {
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly max: number) {
    if (max < 4) throw new RangeError('chunk size must allow a 4-byte character');
  }

  /** Returns the complete chunks available after adding `data`. */
  push(data: Uint8Array): Buffer[] {
    const buf = this.carry.length ? Buffer.concat([this.carry, data]) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const chunks: Buffer[] = [];
    let offset = 0;
    while (buf.length - offset > this.max) {
      let end = offset + this.max;
      const tail = incompleteUtf8Tail(buf.subarray(offset, end));
      if (tail > 0 && tail < this.max) end -= tail;
      chunks.push(buf.subarray(offset, end));
      offset = end;
    }
    const rest = buf.subarray(offset);
    const tail = incompleteUtf8Tail(rest);
    if (rest.length - tail > 0) chunks.push(rest.subarray(0, rest.length - tail));
    this.carry = tail > 0 ? Buffer.from(rest.subarray(rest.length - tail)) : Buffer.alloc(0);
    return chunks;
  }

  /** Whatever is held back (called at end of stream). */
  flush(): Buffer[] {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return rest.length ? [rest] : [];
  }
}

/** Splits arbitrary bytes (port forwarding) into chunks of at most `max` bytes. */
export function chunkBytes(data: Uint8Array, max: number): Buffer[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += max) out.push(buf.subarray(i, Math.min(buf.length, i + max)));
  return out;
}
