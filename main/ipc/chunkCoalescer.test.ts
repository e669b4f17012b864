import { describe, expect, it } from 'vitest';
import { ChunkCoalescer } from './chunkCoalescer';

const tick = () => new Promise((r) => setImmediate(r));

describe('ChunkCoalescer', () => {
  it('sends chunks from one turn of the event loop as one frame, in order', async () => {
    const out: string[] = [];
    const c = new ChunkCoalescer((b) => out.push(Buffer.from(b).toString()));
    c.push(Buffer.from('a'));
    c.push(Buffer.from('b'));
    c.push(new Uint8Array(0));
    c.push(Buffer.from('c'));
    expect(out).toEqual([]);
    await tick();
    expect(out).toEqual(['abc']);
    c.push(Buffer.from('d'));
    await tick();
    expect(out).toEqual(['abc', 'd']);
  });

  it('never holds more than maxBytes: a full frame goes out at once', () => {
    const out: number[] = [];
    const c = new ChunkCoalescer((b) => out.push(b.byteLength), 4);
    c.push(Buffer.from('ab'));
    c.push(Buffer.from('cd'));
    expect(out).toEqual([4]);
    c.push(Buffer.from('e'));
    expect(out).toEqual([4]);
  });

  it('flush emits what is pending now, and nothing twice', async () => {
    const out: string[] = [];
    const c = new ChunkCoalescer((b) => out.push(Buffer.from(b).toString()));
    c.push(Buffer.from('x'));
    c.flush();
    expect(out).toEqual(['x']);
    await tick();
    expect(out).toEqual(['x']);
  });

  it('discard drops what is pending', async () => {
    const out: string[] = [];
    const c = new ChunkCoalescer((b) => out.push(Buffer.from(b).toString()));
    c.push(Buffer.from('x'));
    c.discard();
    await tick();
    expect(out).toEqual([]);
  });
});
