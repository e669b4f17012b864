import { describe, expect, it } from 'vitest';
import { decodeClientMessage, decodeServerMessage, encodeWireMessage, WIRE_MAX_FRAME_BYTES, WireError } from './browserWire';

describe('browser wire protocol', () => {
  it('sends byte-free messages as JSON text', () => {
    const frame = encodeWireMessage({ t: 'invoke', id: 7, ch: 'settings:update', p: { language: 'ja' } });
    expect(typeof frame).toBe('string');
    expect(decodeClientMessage(frame)).toEqual({ t: 'invoke', id: 7, ch: 'settings:update', p: { language: 'ja' } });
  });

  it('carries Uint8Arrays in one binary frame with a small header', () => {
    const chunk = new Uint8Array(100_000).map((_, i) => i % 251);
    const frame = encodeWireMessage({ t: 'event', ch: 'sessions:open:data', p: { streamId: 's1', chunk } });
    expect(frame).toBeInstanceOf(Uint8Array);
    expect((frame as Uint8Array).byteLength - chunk.byteLength).toBeLessThan(120);
    const back = decodeServerMessage(frame);
    expect(back).toMatchObject({ t: 'event', ch: 'sessions:open:data', p: { streamId: 's1' } });
    expect(Buffer.from((back as { p: { chunk: Uint8Array } }).p.chunk).equals(Buffer.from(chunk))).toBe(true);
  });

  it('keeps several byte arrays and nested positions apart', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([]);
    const frame = encodeWireMessage({ t: 'result', id: 1, r: { ok: true, value: { list: [a, 'x', { b }] } } });
    const back = decodeServerMessage(frame) as { r: { value: { list: [Uint8Array, string, { b: Uint8Array }] } } };
    expect([...back.r.value.list[0]]).toEqual([1, 2, 3]);
    expect(back.r.value.list[1]).toBe('x');
    expect(back.r.value.list[2].b.byteLength).toBe(0);
  });

  it('lets the page receive a whole large inventory, but keeps the host’s 2 MiB bound on what pages send', () => {
    const instances = Array.from({ length: 20_000 }, (_, n) => ({ instanceId: `i-${n}`, name: `web-${n}`, tags: { Role: 'web', Team: 'payments' }, note: 'x'.repeat(300) }));
    const frame = encodeWireMessage({ t: 'event', ch: 'inventory:onDidChange', p: { instances } }) as string;
    expect(frame.length).toBeGreaterThan(WIRE_MAX_FRAME_BYTES);
    expect((decodeServerMessage(frame) as { p: { instances: unknown[] } }).p.instances).toHaveLength(20_000);
    const upload = encodeWireMessage({ t: 'send', ch: 'inventory:list', p: { instances } });
    expect(() => decodeClientMessage(upload)).toThrow(/frame too large/);
  });

  it('rejects shapes outside the protocol', () => {
    expect(() => decodeClientMessage('not json')).toThrow(WireError);
    expect(() => decodeClientMessage('{"t":"hack"}')).toThrow(WireError);
    expect(() => decodeClientMessage('{"t":"invoke","id":-1,"ch":"a:b"}')).toThrow(WireError);
    expect(() => decodeClientMessage('{"t":"invoke","id":1,"ch":"a:b","extra":1}')).toThrow(WireError);
    // A server message is not a client message.
    expect(() => decodeClientMessage('{"t":"result","id":1,"r":null}')).toThrow(WireError);
  });

  it('rejects malformed binary frames instead of trusting their lengths', () => {
    const header = (obj: unknown, extra: number[] = []) => {
      const h = Buffer.from(JSON.stringify(obj));
      const f = Buffer.alloc(4 + h.length + extra.length);
      f.writeUInt32BE(h.length, 0);
      h.copy(f, 4);
      Buffer.from(extra).copy(f, 4 + h.length);
      return new Uint8Array(f);
    };
    expect(() => decodeClientMessage(new Uint8Array([0, 0]))).toThrow(/truncated/);
    expect(() => decodeClientMessage(new Uint8Array([0xff, 0xff, 0xff, 0xff, 1]))).toThrow(/header length/);
    expect(() => decodeClientMessage(header({ t: 'send', ch: 'a:b', p: { d: null }, b: [[['p', 'd'], 10]] }, [1]))).toThrow(/past the frame/);
    expect(() => decodeClientMessage(header({ t: 'send', ch: 'a:b', p: { d: null }, b: [[['p', 'd'], 1]] }, [1, 2]))).toThrow(/trailing/);
    expect(() => decodeClientMessage(header({ t: 'send', ch: 'a:b', p: { d: 5 }, b: [[['p', 'd'], 1]] }, [1]))).toThrow(/placeholder/);
    expect(() => decodeClientMessage(header({ t: 'send', ch: 'a:b', p: {}, b: [[['p', '__proto__', 'x'], 1]] }, [1]))).toThrow(WireError);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses typed arrays other than Uint8Array rather than silently mangling them', () => {
    expect(() => encodeWireMessage({ t: 'send', ch: 'a:b', p: new Uint16Array(2) })).toThrow(/Uint8Array/);
  });
});
