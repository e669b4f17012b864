import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineDomain, event, invoke, stream, type ByteSource, type StreamEnd } from '../../common/api/contract';
import { createClient } from '../../common/api/client';
import { FumidaiError } from '../../common/api/errors';
import { STREAM_HIGH_WATERMARK } from '../../common/api/flowControl';
import { Dispatcher } from './dispatcher';
import { connectInMemory } from '../../test/helpers/memoryTransport';

const demo = defineDomain('demo', {
  add: invoke({ request: z.object({ a: z.number(), b: z.number() }), response: z.number() }),
  fail: invoke({ request: z.undefined(), response: z.never() }),
  onDidTick: event(z.object({ n: z.number() })),
  pipe: stream({ request: z.object({ name: z.string() }), meta: z.object({ name: z.string() }) }),
});

class FakeSource implements ByteSource {
  dataListener?: (c: Uint8Array) => void;
  endListener?: (e: StreamEnd) => void;
  written: Uint8Array[] = [];
  paused = false;
  closed = false;
  onData(l: (c: Uint8Array) => void) { this.dataListener = l; }
  onEnd(l: (e: StreamEnd) => void) { this.endListener = l; }
  write(d: Uint8Array) { this.written.push(d); }
  pause() { this.paused = true; }
  resume() { this.paused = false; }
  close() { this.closed = true; }
}

function setup() {
  const source = new FakeSource();
  const add = vi.fn(({ a, b }: { a: number; b: number }) => a + b);
  const dispatcher = new Dispatcher().implement(demo, {
    add,
    fail: () => { throw new FumidaiError('AccessDenied', 'no'); },
    pipe: async ({ name }) => ({ meta: { name }, source }),
  });
  const client = createClient([demo] as const, connectInMemory(dispatcher));
  return { dispatcher, client, source, add };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Dispatcher + client', () => {
  it('round-trips a valid invoke', async () => {
    const { client } = setup();
    expect(await client.demo.add({ a: 2, b: 3 })).toEqual({ ok: true, value: 5 });
  });

  it('rejects a payload that violates the schema before any handler runs', async () => {
    const { client, add } = setup();
    const res = await client.demo.add({ a: 'x' as unknown as number, b: 1 });
    expect(res).toMatchObject({ ok: false, code: 'InvalidRequest' });
    expect(add).not.toHaveBeenCalled();
  });

  it('returns thrown FumidaiErrors as values with their code', async () => {
    const { client } = setup();
    expect(await client.demo.fail()).toEqual({ ok: false, code: 'AccessDenied', message: 'no' });
  });

  it('rejects unknown channels', async () => {
    const { dispatcher } = setup();
    expect(await dispatcher.handleInvoke('peer-1', 'demo:nope', {})).toMatchObject({ ok: false, code: 'InvalidRequest' });
  });

  it('delivers events to subscribers until they unsubscribe, validating payloads', async () => {
    const { dispatcher, client } = setup();
    const seen: number[] = [];
    const off = client.demo.onDidTick((e) => seen.push(e.n));
    dispatcher.emit(demo, 'onDidTick', { n: 1 });
    await tick();
    off();
    dispatcher.emit(demo, 'onDidTick', { n: 2 });
    await tick();
    expect(seen).toEqual([1]);
    expect(() => dispatcher.emit(demo, 'onDidTick', { n: 'bad' } as never)).toThrow();
  });

  it('streams bytes with acknowledgement-based back-pressure', async () => {
    const { client, source } = setup();
    const received: number[] = [];
    let ended: StreamEnd | undefined;
    const res = await client.demo.pipe({ name: 'x' }, { onData: (c) => received.push(c.byteLength), onEnd: (e) => (ended = e) });
    if (!res.ok) throw new Error(res.message);
    expect(res.value.meta).toEqual({ name: 'x' });
    const chunk = new Uint8Array(40_000);
    for (let i = 0; i < 3; i++) source.dataListener!(chunk);
    expect(source.paused).toBe(true); // 120 KB unacknowledged > high watermark
    await tick();
    expect(received.reduce((a, b) => a + b, 0)).toBe(120_000);
    res.value.handle.ack(115_000);
    expect(source.paused).toBe(false);
    res.value.handle.write('hi');
    expect(new TextDecoder().decode(source.written[0])).toBe('hi');
    source.endListener!({ reason: 'exit', exitCode: 3 });
    await tick();
    expect(ended).toEqual({ reason: 'exit', exitCode: 3 });
    expect(STREAM_HIGH_WATERMARK).toBe(100_000);
  });

  it('closes a peer’s streams when it disconnects and ignores other peers’ acks', async () => {
    const { dispatcher, source } = setup();
    const other = createClient([demo] as const, connectInMemory(dispatcher, 'peer-2'));
    const res = await other.demo.pipe({ name: 'y' }, { onData: () => {}, onEnd: () => {} });
    if (!res.ok) throw new Error(res.message);
    source.dataListener!(new Uint8Array(200_000));
    expect(source.paused).toBe(true);
    dispatcher.handleSend('peer-1', 'demo:pipe:ack', { streamId: res.value.handle.streamId, bytes: 200_000 });
    expect(source.paused).toBe(true);
    dispatcher.removePeer('peer-2');
    expect(source.closed).toBe(true);
    expect(dispatcher.openStreamCount).toBe(0);
  });
});
