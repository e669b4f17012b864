// The product's client through a hostile network: 100 MB of shell output byte-exact through 5%
// dropped, 5% duplicated and 5% reordered frames in both directions and three killed sockets.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../datachannel/helpers/harness';
import { DataChannelClient } from '../../../main/ssm/client/dataChannelClient';
import { ShellSession } from '../../../main/ssm/client/shellSession';

const SEED = 7_2026;
const SIZE = 100 * 1024 * 1024;
const lossy = { dropRate: 0.05, duplicateRate: 0.05, reorderRate: 0.05 };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let h: Harness;
let payload: Buffer;
beforeAll(async () => {
  // The agent retransmits only the head of its buffer, one per RTO. Under 5% loss each way, holes
  // are refilled one at a time and each lost resend costs a whole RTO, whose ceiling is 1 s: 100 MB
  // then takes minutes. To fit the suite's budget the agent scans every 10 ms and caps its RTO at
  // 200 ms; everything on the client's side (the thing under test) keeps the product's defaults.
  h = await startHarness({
    faults: { seed: SEED, toClient: lossy, toAgent: lossy, killSockets: [{ afterBytes: 25 * 1024 * 1024 }, { afterBytes: 30 * 1024 * 1024 }, { afterBytes: 30 * 1024 * 1024 }] },
    timing: { resendScanIntervalMs: 10, maxRtoMs: 200 },
  });
  const home = join(h.rootDir, 'home', 'ssm-user');
  mkdirSync(home, { recursive: true });
  payload = randomBytes(SIZE);
  writeFileSync(join(home, 'payload.bin'), payload);
});
afterAll(async () => {
  await h.close();
});

describe('Session Manager client under faults', () => {
  it(`delivers 100 MB of shell output byte-exact through drops, duplicates, reordering and three killed sockets (seed ${SEED})`, async () => {
    const { session, streamUrl } = h.start();
    const channel = new DataChannelClient({ sessionId: session.sessionId, streamUrl, tokenValue: session.tokenValue, resume: async () => h.broker.resumeSession(session.sessionId).tokenValue });
    const shell = new ShellSession(channel);
    const chunks: Buffer[] = [];
    let total = 0;
    let tail = '';
    shell.onDidOutput((b) => {
      chunks.push(b);
      total += b.length;
      tail = (tail + b.toString('latin1')).slice(-64);
    });
    const ended = new Promise((r) => shell.onDidEnd(r));
    await channel.open();
    while (!/\$ $/.test(tail)) await new Promise((r) => setTimeout(r, 10));
    // Markers computed by the shell, so the echoed command line never matches them.
    shell.write('stty raw -echo; printf "<%s>" "BEGIN-$((1+1))"; cat payload.bin; printf "<%s>" "END-$((1+2))"\r');
    // Exit only once everything arrived: at exit the agent drains its buffer for at most 2 s.
    while (!tail.includes('<END-3>')) await new Promise((r) => setTimeout(r, 20));
    shell.write('exit\r');
    await ended;
    const all = Buffer.concat(chunks, total);
    const begin = all.indexOf('<BEGIN-2>');
    expect(begin).toBeGreaterThan(0);
    const start = begin + '<BEGIN-2>'.length;
    expect(all.subarray(start + SIZE, start + SIZE + 7).toString()).toBe('<END-3>');
    expect(sha(all.subarray(start, start + SIZE))).toBe(sha(payload));
    expect(channel.stats.reconnects).toBe(3);
    expect(h.logs.filter((l) => l.includes('fault injection kills the socket')).length).toBe(3);
    // The faults really happened: the agent's logs count them per connection.
    const dropped = h.logs.filter((l) => /to client: \d+ frames, [1-9]\d* dropped, [1-9]\d* duplicated, [1-9]\d* reordered/.test(l));
    expect(dropped.length).toBeGreaterThanOrEqual(3);
  }, 110_000);
});
