import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MessageType, PayloadType, buildOpenDataChannel, encodeMessage } from '../../../main/ssm/protocol';
import { startHarness, type Harness } from './helpers/harness';
import { TestClient } from './helpers/protocolClient';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timing: { resendScanIntervalMs: 20 } });
});
afterAll(async () => {
  await h.close();
});

/** Opens a raw socket, sends `first`, and reports how the server ended it. */
async function rawAttempt(url: string, first: string | Buffer): Promise<{ code: number; reason: string }> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(first, { binary: typeof first !== 'string' });
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

function inputFrame(seq: number, text: string): Buffer {
  return encodeMessage({ messageType: MessageType.InputStreamData, payloadType: PayloadType.Output, sequenceNumber: seq, payload: Buffer.from(text) });
}

describe('the data channel refuses bad tokens', () => {
  it('closes with 1008 on a wrong token, a token of another session, a replayed token, and a bad open frame', async () => {
    const a = h.start();
    const b = h.start();
    expect(await rawAttempt(a.streamUrl, buildOpenDataChannel({ tokenValue: 'not-the-token' }))).toEqual({ code: 1008, reason: 'invalid, expired or already used token' });
    expect((await rawAttempt(a.streamUrl, buildOpenDataChannel({ tokenValue: b.session.tokenValue }))).code).toBe(1008);
    expect((await rawAttempt(a.streamUrl, '{"MessageSchemaVersion":"1.0"')).reason).toMatch(/not valid JSON/);
    expect((await rawAttempt(a.streamUrl, inputFrame(0, 'x'))).reason).toMatch(/first frame must be the open-data-channel text frame/);

    // Failed attempts do not burn the real token; once used, it cannot be replayed.
    const client = new TestClient({ streamUrl: a.streamUrl, tokenValue: a.session.tokenValue });
    await client.connect();
    await client.waitForText('$ ');
    client.dropSocket();
    expect(await rawAttempt(a.streamUrl, buildOpenDataChannel({ tokenValue: a.session.tokenValue }))).toMatchObject({ code: 1008 });
    // ResumeSession issues a fresh single-use token that works, with the session intact.
    await client.connect(h.broker.resumeSession(a.session.sessionId).tokenValue);
    client.type('echo resumed-$((40+2))\r');
    await client.waitForText('resumed-42');
    client.close();
  });

  it('answers an upgrade for an unknown session with 404', async () => {
    const ws = new WebSocket(h.start().streamUrl.replace(/data-channel\/[^?]+/, 'data-channel/nope'));
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(404);
  });
});

describe('malformed frames on an open channel', () => {
  it('drops short, corrupt, unknown and oversized frames without acking, and the session carries on', async () => {
    const { client } = await h.open();
    await client.waitForText('$ ');
    const seq = client.nextInputSequence;

    client.sendRaw(Buffer.from('short header'));
    const wrongDigest = inputFrame(seq, 'echo BAD-$((1+1))\r');
    wrongDigest.writeUInt8(wrongDigest.readUInt8(125) ^ 0x01, 125);
    client.sendRaw(wrongDigest);
    client.sendRaw(encodeMessage({ messageType: 'interactive_shell', payloadType: 1, sequenceNumber: seq, payload: Buffer.from('echo BAD-$((2+2))\r') }));
    const oversized = inputFrame(seq, 'echo BAD-$((3+3))\r');
    oversized.writeUInt32BE(0x7fffffff, 116);
    client.sendRaw(oversized);
    const zeroHeader = inputFrame(seq, 'echo BAD-$((4+4))\r');
    zeroHeader.writeUInt32BE(0, 0);
    client.sendRaw(zeroHeader);

    // The real message with the same sequence number is accepted and runs.
    client.type('echo GOOD-$((5+5))\r');
    await client.waitForText('GOOD-10');
    expect(client.text).not.toMatch(/BAD-\d/);
    expect(client.ackedSequences.filter((s) => s === seq).length).toBeGreaterThanOrEqual(1);
    for (const code of ['short_frame', 'digest_mismatch', 'unknown_message_type', 'payload_too_large', 'bad_header_length']) {
      expect(h.logs.some((l) => l.includes(code)), code).toBe(true);
    }
    client.close();
  });

  it('survives a WebSocket frame beyond the size limit: the socket closes, the client resumes', async () => {
    const { client } = await h.open();
    await client.waitForText('$ ');
    client.sendRaw(Buffer.alloc(2 * 1024 * 1024, 1));
    await client.waitFor((c) => c.socketCloseCodes.includes(1009), 5000, 'close 1009');
    client.type('echo still-$((9*9))\r');
    await client.waitForText('still-81');
    expect(client.reconnects).toBe(1);
    client.close();
  });

  it('buffers early messages, acks them, and re-acks duplicates', async () => {
    const { client } = await h.open();
    await client.waitForText('$ ');
    const seq = client.nextInputSequence;
    // seq+1 arrives before seq: acked and held; seq then delivers both in order.
    client.sendRaw(inputFrame(seq + 1, 'echo second-$((1+1))\r'));
    await client.waitFor((c) => c.ackedSequences.includes(seq + 1), 5000, 'ack of an early message');
    expect(client.text).not.toContain('second-2');
    client.type('echo first-$((0+1)); ');
    await client.waitForText(/first-1\r\n[\s\S]*second-2\r\n/);
    // A duplicate of an old message is acked again but not executed again.
    const before = client.ackedSequences.filter((s) => s === seq + 1).length;
    client.sendRaw(inputFrame(seq + 1, 'echo second-$((1+1))\r'));
    await client.waitFor((c) => c.ackedSequences.filter((s) => s === seq + 1).length > before, 5000, 're-ack of a duplicate');
    await new Promise((r) => setTimeout(r, 100));
    expect(client.text.match(/second-2\r\n/g)?.length).toBe(1);
    client.close();
  });

  it('pause_publication holds output until start_publication', async () => {
    const paused = await startHarness({ faults: { pausePublication: { afterMs: 300, durationMs: 600 } } });
    try {
      const { client } = await paused.open();
      await client.waitForText('$ ');
      client.type('sleep 0.5; echo late-$((2+2))\r');
      await client.waitForText(/late-4\r\n/, 10_000);
      const arrived = Date.now();
      const pauseAt = client.controlMessages.indexOf('pause_publication');
      const startAt = client.controlMessages.lastIndexOf('start_publication');
      expect(pauseAt).toBeGreaterThan(0); // after the initial start_publication
      expect(startAt).toBeGreaterThan(pauseAt);
      expect(arrived).toBeGreaterThanOrEqual(client.controlTimes[startAt]!);
      client.close();
    } finally {
      await paused.close();
    }
  });
});
