import { createServer, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteBatching } from './writeBatching';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

/** A connected socket pair on loopback, with a count of the writes the sending side made. */
async function pair(): Promise<{ sender: Socket; received: () => Buffer; writes: () => number }> {
  let chunks: Buffer[] = [];
  const server = createServer((s) => s.on('data', (d: Buffer) => chunks.push(d)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const sender = connect((server.address() as { port: number }).port, '127.0.0.1');
  await new Promise<void>((r) => sender.once('connect', r));
  let writes = 0;
  const handle = (sender as unknown as { _handle: { writev: (...a: unknown[]) => unknown; writeBuffer: (...a: unknown[]) => unknown } })._handle;
  for (const name of ['writev', 'writeBuffer'] as const) {
    const original = handle[name].bind(handle);
    handle[name] = (...args: unknown[]) => {
      writes += 1;
      return original(...args);
    };
  }
  cleanup.push(() => {
    sender.destroy();
    server.close();
  });
  return {
    sender,
    received: () => {
      const all = Buffer.concat(chunks);
      chunks = [all];
      return all;
    },
    writes: () => writes,
  };
}

const frames = Array.from({ length: 50 }, (_, i) => Buffer.from(`frame-${i};`));

describe('WriteBatching', () => {
  it('sends the frames of one turn in one socket write, in order', async () => {
    const { sender, received, writes } = await pair();
    const batching = new WriteBatching(sender);
    for (const f of frames) {
      batching.beforeWrite();
      sender.write(f);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(received().toString()).toBe(frames.join(''));
    expect(writes()).toBe(1);
  });

  it('without it, each frame is a write of its own (what it saves)', async () => {
    const { sender, writes } = await pair();
    for (const f of frames) sender.write(f);
    await new Promise((r) => setTimeout(r, 50));
    expect(writes()).toBeGreaterThan(10);
  });

  it("'immediate' also joins frames written by separate timers in the same loop iteration", async () => {
    const { sender, received, writes } = await pair();
    const batching = new WriteBatching(sender, 'immediate');
    await new Promise<void>((resolve) => {
      let n = 0;
      for (const f of frames)
        setTimeout(() => {
          batching.beforeWrite();
          sender.write(f);
          if (++n === frames.length) resolve();
        }, 0);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(received().toString()).toBe(frames.join(''));
    expect(writes()).toBeLessThan(5);
  });
});
