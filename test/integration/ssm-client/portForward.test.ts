// Port forwarding through the product's client against the emulated agent: basic mode (old agent)
// and smux mode, 50 MB byte-exact through the instance's echo service in each, several
// connections at once, a destination that cannot be reached, and stop.
import { createHash, randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../datachannel/helpers/harness';
import { PortForwardSession } from '../../../main/ssm/ports/portForwardSession';
import { LARGE_PORT_PAYLOAD_SIZE } from '../../../main/ssm/ports/payloadSize';
import { harnessApi } from './helpers/harnessApi';

const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function dial(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Writes `data` with back-pressure while reading the echo; resolves with what came back. */
async function echoRoundTrip(port: number, data: Buffer, chunk = 256 * 1024): Promise<Buffer> {
  const socket = await dial(port);
  const received: Buffer[] = [];
  let got = 0;
  const done = new Promise<Buffer>((resolve, reject) => {
    socket.on('data', (d: Buffer) => {
      received.push(d);
      got += d.length;
      if (got >= data.length) resolve(Buffer.concat(received));
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed after ${got} of ${data.length} bytes`)));
  });
  for (let i = 0; i < data.length; i += chunk) {
    if (!socket.write(data.subarray(i, i + chunk))) await new Promise((r) => socket.once('drain', r));
  }
  const out = await done;
  socket.destroy();
  return out;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('port forwarding, smux mode (agent 3.3.40.0)', () => {
  let h: Harness;
  let closedPort = 0;
  beforeAll(async () => {
    h = await startHarness();
    // A port nothing listens on: reserve one and close it.
    const s: Server = createServer();
    closedPort = await new Promise((r) => s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port)));
    await new Promise((r) => s.close(r));
  });
  afterAll(async () => {
    await h.close();
  });

  it('forwards 50 MB byte-exact through the echo service, with other connections at the same time', async () => {
    const logs: string[] = [];
    const fwd = await PortForwardSession.start({ api: harnessApi(h), target: h.target.instanceId, remotePort: 7, log: (m) => logs.push(m) });
    expect(fwd.mode).toBe('smux');
    expect(fwd.localPort).toBeGreaterThan(0);
    const big = randomBytes(50 * MB);
    const small = [randomBytes(300_000), randomBytes(1), Buffer.from('hello over stream')];
    const [bigBack, ...smallBack] = await Promise.all([echoRoundTrip(fwd.localPort, big), ...small.map((d) => echoRoundTrip(fwd.localPort, d))]);
    expect(bigBack.length).toBe(big.length);
    expect(sha(bigBack)).toBe(sha(big));
    smallBack.forEach((b, i) => expect(b.equals(small[i]!)).toBe(true));
    await waitFor(() => fwd.stats.activeConnections === 0, 'connections to close');
    expect(fwd.stats).toMatchObject({ connections: 4, activeConnections: 0, bytesOut: 50 * MB + 300_018, bytesIn: 50 * MB + 300_018 });
    // Agents of the 3.3 line get 16 KiB messages.
    expect(logs.some((l) => l.includes(`${LARGE_PORT_PAYLOAD_SIZE}-byte messages`))).toBe(true);
    await fwd.stop();
    expect(fwd.state).toBe('ended');
    await expect(dial(fwd.localPort)).rejects.toThrow();
  }, 60_000);

  it('closes a local connection with a reason when the instance cannot reach the destination', async () => {
    const logs: string[] = [];
    const fwd = await PortForwardSession.start({ api: harnessApi(h), target: h.target.instanceId, remoteHost: '127.0.0.1', remotePort: closedPort, log: (m) => logs.push(m) });
    const socket = await dial(fwd.localPort);
    socket.write('anyone there?');
    await new Promise((r) => socket.once('close', r));
    await waitFor(() => logs.some((l) => /closed \(stream 3: the instance could not connect to 127\.0\.0\.1:\d+\)/.test(l)), 'the logged reason');
    expect(fwd.stats.refused).toBe(1);
    // The session itself carries on: the HTTP service on the same instance is still reachable.
    await fwd.stop();
    const http = await PortForwardSession.start({ api: harnessApi(h), target: h.target.instanceId, remotePort: 80 });
    const s = await dial(http.localPort);
    s.write('GET /health HTTP/1.0\r\n\r\n');
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      s.on('data', (d) => (text += d));
      s.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.[01] 200/);
    expect(reply).toContain('"path":"/health"');
    await http.stop();
  }, 30_000);

  it('refuses a local port that is in use, and ends the session it started', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)));
    const api = harnessApi(h);
    await expect(PortForwardSession.start({ api, target: h.target.instanceId, remotePort: 7, localPort: port })).rejects.toThrow(`Local port ${port} on 127.0.0.1 is already in use`);
    expect(api.terminated).toHaveLength(1);
    blocker.close();
    await expect(PortForwardSession.start({ api, target: h.target.instanceId, remotePort: 70000 })).rejects.toThrow('The remote port must be a whole number');
  });
});

describe('port forwarding, basic mode (agent 3.0.100.0)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ agentVersion: '3.0.100.0' });
  });
  afterAll(async () => {
    await h.close();
  });
  // The emulated agent picks smux by the client's version alone, so we report one from before
  // smux (as a plugin of that era would) to make both sides agree on basic mode. Pacing is lifted
  // because 1 KiB messages at 900/s would take a minute for 50 MB and the emulator does not
  // enforce the service's rate limit; the pacer has its own unit test.
  const channel = { clientVersion: '1.1.61.0', maxMessagesPerSecond: Infinity };

  it('forwards 50 MB byte-exact, one connection at a time, queueing the next one', async () => {
    const logs: string[] = [];
    const fwd = await PortForwardSession.start({ api: harnessApi(h), target: h.target.instanceId, remotePort: 7, channel, log: (m) => logs.push(m) });
    expect(fwd.mode).toBe('basic');
    const big = randomBytes(50 * MB);
    const first = echoRoundTrip(fwd.localPort, big);
    await waitFor(() => fwd.stats.activeConnections === 1, 'the first connection');
    // A second client waits for its turn instead of mixing its bytes into the first one's.
    const second = echoRoundTrip(fwd.localPort, Buffer.from('second client'));
    await waitFor(() => logs.some((l) => l.includes('waits: this agent forwards one connection at a time')), 'the queue message');
    const back = await first;
    expect(sha(back)).toBe(sha(big));
    expect((await second).toString()).toBe('second client');
    expect(fwd.stats).toMatchObject({ connections: 2, bytesOut: 50 * MB + 13, bytesIn: 50 * MB + 13 });
    await fwd.stop();
    expect(fwd.state).toBe('ended');
  }, 90_000);
});
