// The icon pipeline: the .ico encoder is checked byte by byte, and every file scripts/icons.mjs
// produces is present with the pixel sizes electron-builder and the tray expect (a stale or
// missing render fails here, not in a packaging job).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { encodeIco, OUTPUTS, pngSize, root } from './icons.mjs';

type Output = { out: string; svg: string; sizes: number[] };

function fakePng(size: number): Buffer {
  const png = Buffer.alloc(33);
  png.write('\x89PNG\r\n\x1a\n', 0, 'latin1');
  png.writeUInt32BE(size, 16);
  png.writeUInt32BE(size, 20);
  return png;
}

function readIco(ico: Buffer) {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i;
    const length = ico.readUInt32LE(e + 8);
    const offset = ico.readUInt32LE(e + 12);
    return { width: ico.readUInt8(e) || 256, bpp: ico.readUInt16LE(e + 6), png: ico.subarray(offset, offset + length) };
  });
}

describe('encodeIco', () => {
  it('writes a directory that points at each embedded PNG, 256 px as 0', () => {
    const ico = encodeIco([16, 256].map((size) => ({ size, png: fakePng(size) })));
    const entries = readIco(ico);
    expect(entries.map((e) => e.width)).toEqual([16, 256]);
    expect(entries.map((e) => e.bpp)).toEqual([32, 32]);
    expect(entries.map((e) => pngSize(e.png).width)).toEqual([16, 256]);
    expect(ico.length).toBe(6 + 2 * 16 + 2 * 33);
  });

  it('refuses sizes an .ico cannot hold', () => {
    expect(() => encodeIco([{ size: 512, png: fakePng(512) }])).toThrow(/1–256 px/);
  });
});

describe('rendered icons', () => {
  it.each((OUTPUTS as Output[]).map((o) => [o.out, o] as const))('%s exists with the expected sizes', (_name, o) => {
    const file = readFileSync(join(root, o.out));
    const sizes = o.out.endsWith('.ico') ? readIco(file).map((e) => pngSize(e.png)) : [pngSize(file)];
    expect(sizes).toEqual(o.sizes.map((n) => ({ width: n, height: n })));
  });
});
