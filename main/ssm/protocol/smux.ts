// xtaci/smux protocol version 1 framing, which multiplexed port sessions run over the data
// channel's Output byte stream: [ver=1][cmd][len uint16 LE][stream id uint32 LE][data].
// Frame boundaries are independent of message boundaries, so the parser is incremental.

export const SMUX_VERSION = 1;
export const SmuxCmd = { Syn: 0, Fin: 1, Psh: 2, Nop: 3 } as const;
export type SmuxCmdValue = (typeof SmuxCmd)[keyof typeof SmuxCmd];
export const SMUX_HEADER_SIZE = 8;
/** smux default maximum frame size. */
export const SMUX_MAX_FRAME_SIZE = 32768;

export interface SmuxFrame {
  cmd: SmuxCmdValue;
  streamId: number;
  data: Buffer;
}

export function encodeSmuxFrame(cmd: SmuxCmdValue, streamId: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  if (data.length > 0xffff) throw new RangeError('smux frame data exceeds 65535 bytes');
  const frame = Buffer.allocUnsafe(SMUX_HEADER_SIZE + data.length);
  frame[0] = SMUX_VERSION;
  frame[1] = cmd;
  frame.writeUInt16LE(data.length, 2);
  frame.writeUInt32LE(streamId >>> 0, 4);
  frame.set(data, SMUX_HEADER_SIZE);
  return frame;
}

/** Encodes `data` as as many PSH frames as needed. */
export function encodeSmuxData(streamId: number, data: Uint8Array, maxFrame = SMUX_MAX_FRAME_SIZE): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += maxFrame) out.push(encodeSmuxFrame(SmuxCmd.Psh, streamId, data.subarray(i, Math.min(data.length, i + maxFrame))));
  return out;
}

export class SmuxProtocolError extends Error {}

/** Incremental parser; throws SmuxProtocolError on a bad version or command (the session is broken). */
export class SmuxFrameParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  push(chunk: Uint8Array): SmuxFrame[] {
    this.pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.pendingBytes += chunk.length;
    const frames: SmuxFrame[] = [];
    if (this.pendingBytes < SMUX_HEADER_SIZE) return frames;
    let buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let offset = 0;
    while (buf.length - offset >= SMUX_HEADER_SIZE) {
      const version = buf[offset]!;
      const cmd = buf[offset + 1]!;
      if (version !== SMUX_VERSION) throw new SmuxProtocolError(`smux version ${version} is not supported (expected 1)`);
      if (cmd > SmuxCmd.Nop) throw new SmuxProtocolError(`unknown smux command ${cmd}`);
      const length = buf.readUInt16LE(offset + 2);
      if (buf.length - offset < SMUX_HEADER_SIZE + length) break;
      const streamId = buf.readUInt32LE(offset + 4);
      // Copy the data so the parser does not pin large incoming buffers.
      const data = Buffer.from(buf.subarray(offset + SMUX_HEADER_SIZE, offset + SMUX_HEADER_SIZE + length));
      frames.push({ cmd: cmd as SmuxCmdValue, streamId, data });
      offset += SMUX_HEADER_SIZE + length;
    }
    buf = buf.subarray(offset);
    this.pending = buf.length ? [buf] : [];
    this.pendingBytes = buf.length;
    return frames;
  }
}
