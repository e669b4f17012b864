import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataChannelFaults } from '../../../emulator/datachannel/broker';
import { startHarness, type Harness } from './helpers/harness';

const SIZE = 20 * 1024 * 1024;
const SEED = Number(process.env.FUMIDAI_FAULT_SEED ?? 20261122);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const lossy = { dropRate: 0.05, duplicateRate: 0.05, reorderRate: 0.05, delayRate: 0.01, delayMs: 15, corruptRate: 0.005 };
const faults: DataChannelFaults = {
  seed: SEED,
  toClient: lossy,
  toAgent: lossy,
  // The first two connections die mid-transfer; the client resumes each time.
  killSockets: [{ afterBytes: 5 * 1024 * 1024 }, { afterBytes: 7 * 1024 * 1024 }],
};

let h: Harness;
let data: Buffer;
beforeAll(async () => {
  h = await startHarness({ faults, timing: { resendScanIntervalMs: 10 } });
  data = randomBytes(SIZE);
  const home = join(h.rootDir, 'home', 'ssm-user');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'big.bin'), data);
});
afterAll(async () => {
  await h.close();
});

describe('data channel under faults', () => {
  it(`delivers a 20 MB cat byte-exact through drops, duplicates, reordering and two killed sockets (seed ${SEED})`, async () => {
    const { client } = await h.open();
    await client.waitForText('$ ', 20_000);
    // Raw mode so the PTY passes bytes untouched; the markers are written with octal escapes so
    // the echoed command line cannot be mistaken for them.
    client.type("stty raw -echo; printf '\\102EGIN>'; cat big.bin; printf '<\\105ND>'; stty sane\r");
    const begin = Buffer.from('BEGIN>');
    await client.waitFor((c) => c.receivedBytes >= SIZE + 12 && c.bytes().includes('<END>', c.bytes().indexOf(begin) + begin.length + SIZE), 90_000, '20 MB of cat output');
    const all = client.bytes();
    const start = all.indexOf(begin) + begin.length;
    const received = all.subarray(start, start + SIZE);
    expect(received.length).toBe(SIZE);
    expect(sha(received), `seed ${SEED}`).toBe(sha(data));
    expect(all.subarray(start + SIZE, start + SIZE + 5).toString()).toBe('<END>');
    expect(client.reconnects).toBeGreaterThanOrEqual(2);
    expect(client.invalidFrames).toContain('digest_mismatch');
    expect(h.logs.some((l) => l.includes('digest_mismatch'))).toBe(true);
    expect(h.logs.filter((l) => l.includes('fault injection kills the socket')).length).toBe(2);

    client.type('exit 5\r');
    expect((await client.closed).ExitCode).toBe(5);
    // Prove the faults really happened on every connection, in both directions.
    const summaries = h.logs.filter((l) => l.includes('client detached'));
    expect(summaries.length).toBe(3);
    for (const line of summaries) {
      const counts = [...line.matchAll(/(\d+) (dropped|duplicated|reordered|corrupted)/g)].map((m) => Number(m[1]));
      expect(counts.length).toBe(8);
      expect(counts.every((n) => n > 0), line).toBe(true);
    }
  }, 120_000);

  it('loses no output when the shell exits while its PTY is paused for a slow or absent client', async () => {
    const size = 8 * 1024 * 1024;
    const payload = randomBytes(size);
    writeFileSync(join(h.rootDir, 'home', 'ssm-user', 'slow.bin'), payload);
    h.broker.setFaults({ killSockets: [{ afterBytes: 512 * 1024 }] });
    try {
      const { session, streamUrl } = h.start();
      const { TestClient } = await import('./helpers/protocolClient');
      // The client stays away for a while after the socket dies: the agent's buffer fills up,
      // the PTY is paused, and the shell exits meanwhile.
      const client = new TestClient({
        streamUrl,
        tokenValue: session.tokenValue,
        resume: async () => {
          await new Promise((r) => setTimeout(r, 700));
          return h.broker.resumeSession(session.sessionId).tokenValue;
        },
      });
      await client.connect();
      await client.waitForText('$ ');
      client.type("stty raw -echo; printf '\\102EGIN>'; cat slow.bin; exit 6\r");
      const closed = await client.closed;
      expect(closed.ExitCode).toBe(6);
      const all = client.bytes();
      const start = all.indexOf('BEGIN>') + 6;
      // Interactive bash says "exit" (raw mode: no CR) as it leaves; everything before is the file.
      expect(all.subarray(start + size).toString()).toBe('exit\n');
      expect(sha(all.subarray(start, start + size))).toBe(sha(payload));
      client.close();
    } finally {
      h.broker.setFaults(faults);
    }
  }, 60_000);
});

describe('socket kill by time', () => {
  it('kills the first connection after a delay and the client carries on after resuming', async () => {
    const timed = await startHarness({ faults: { killSockets: [{ afterMs: 150 }] } });
    try {
      const { client } = await timed.open();
      await client.waitForText('$ ');
      await client.waitFor((c) => c.reconnects === 1, 5000, 'a resume');
      client.type('echo after-kill-$((3*3))\r');
      await client.waitForText('after-kill-9');
      expect(timed.logs.some((l) => l.includes('kills the socket (150 ms elapsed)'))).toBe(true);
      client.close();
    } finally {
      await timed.close();
    }
  });
});
