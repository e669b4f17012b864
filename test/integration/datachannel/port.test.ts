import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadFlag, PayloadType, encodeFlag } from '../../../main/ssm/protocol';
import { startHarness, type Harness } from './helpers/harness';
import { SmuxTestClient } from './helpers/smuxClient';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const OLD_CLIENT = '1.1.61.0'; // below 1.1.70: the agent uses basic (non-mux) forwarding

let h: Harness;
let remote: Server;
let remotePort = 0;
let ssh: Server;
let sshPort = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  // A "remote host" reachable from the instance (ToRemoteHost) and a stand-in SSH server.
  remote = createServer((s) => s.on('data', (d) => s.write(Buffer.concat([Buffer.from('remote:'), d]))));
  remotePort = await listen(remote);
  ssh = createServer((s) => {
    s.write('SSH-2.0-OpenSSH_9.2p1 Debian\r\n');
    s.on('data', (d) => (d.toString().includes('bye') ? s.end('closing\r\n') : s.write(d)));
  });
  sshPort = await listen(ssh);
  h = await startHarness({ resolveSshEndpoint: (id) => (id === 'i-0123456789abcdef0' ? { host: '127.0.0.1', port: sshPort } : undefined) });
});
afterAll(async () => {
  await h.close();
  remote.close();
  ssh.close();
});

describe('port forwarding sessions', () => {
  it('basic mode round-trips 10 MB through the echo service byte-exact', async () => {
    const { client } = await h.open('AWS-StartPortForwardingSession', { portNumber: ['7'], localPortNumber: ['0'] }, { clientVersion: OLD_CLIENT });
    const hs = await client.handshake;
    expect(hs).toMatchObject({ sessionType: 'Port', agentVersion: '3.3.40.0', properties: { portNumber: '7', type: 'LocalPortForwarding', localPortNumber: '0' } });
    await client.waitFor((c) => c.handshakeCompleted, 5000, 'handshake complete');
    const data = randomBytes(10 * 1024 * 1024);
    client.sendBytes(data);
    await client.waitFor((c) => c.receivedBytes >= data.length, 60_000, '10 MB echoed');
    expect(client.receivedBytes).toBe(data.length);
    expect(sha(client.bytes())).toBe(sha(data));

    // DisconnectToPort: the agent drops its connection and dials again on the next Output.
    client.send(PayloadType.Flag, encodeFlag(PayloadFlag.DisconnectToPort));
    client.sendBytes(Buffer.from('after-reconnect'));
    await client.waitFor((c) => c.receivedBytes === data.length + 15, 5000, 'echo after DisconnectToPort');
    expect(client.bytes().subarray(data.length).toString()).toBe('after-reconnect');

    client.send(PayloadType.Flag, encodeFlag(PayloadFlag.TerminateSession));
    expect((await client.closed).Output).toBe('');
  });

  it('smux mode round-trips 10 MB byte-exact while another stream talks HTTP', async () => {
    const { client } = await h.open('AWS-StartPortForwardingSession', { portNumber: ['7'] });
    await client.waitFor((c) => c.handshakeCompleted, 5000, 'handshake complete');
    const mux = new SmuxTestClient(client);
    const data = randomBytes(10 * 1024 * 1024);
    mux.open(3);
    mux.open(5);
    mux.write(5, Buffer.from('small stream'));
    mux.write(3, data);
    mux.fin(5);
    await client.waitFor(() => mux.bytesOf(3) >= data.length && mux.finished.has(5), 60_000, '10 MB over smux');
    expect(sha(mux.dataOf(3))).toBe(sha(data));
    expect(mux.dataOf(5).toString()).toBe('small stream');
    mux.fin(3);
    await client.waitFor(() => mux.finished.has(3), 5000, 'FIN of stream 3');
    client.send(PayloadType.Flag, encodeFlag(PayloadFlag.TerminateSession));
    await client.closed;
  });

  it('serves the instance HTTP and fake database services', async () => {
    const { client } = await h.open('AWS-StartPortForwardingSession', { portNumber: ['80'] });
    await client.waitFor((c) => c.handshakeCompleted, 5000, 'handshake complete');
    const mux = new SmuxTestClient(client);
    mux.open(3);
    mux.write(3, Buffer.from('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
    await client.waitFor(() => mux.finished.has(3), 5000, 'HTTP response');
    expect(mux.dataOf(3).toString()).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*"instanceId":"i-0123456789abcdef0"[\s\S]*"path":"\/health"/);
    client.close();

    const pg = await h.open('AWS-StartPortForwardingSession', { portNumber: ['5432'] }, { clientVersion: OLD_CLIENT });
    await pg.client.waitFor((c) => c.handshakeCompleted, 5000, 'handshake complete');
    const startup = Buffer.alloc(8);
    startup.writeUInt32BE(8);
    startup.writeUInt32BE(80877103, 4); // SSLRequest
    pg.client.sendBytes(startup);
    await pg.client.waitFor((c) => c.text === 'N', 5000, 'SSL refusal');
    const params = Buffer.from('user\0alice\0database\0app\0\0');
    const msg = Buffer.alloc(8 + params.length);
    msg.writeUInt32BE(msg.length);
    msg.writeUInt32BE(196608, 4);
    params.copy(msg, 8);
    pg.client.sendBytes(msg);
    await pg.client.waitForText('fake database on i-0123456789abcdef0');
    expect(pg.client.bytes()[1]).toBe('E'.charCodeAt(0));
    pg.client.close();
  });

  it('sends ConnectToPortError and closes the stream when nothing listens (smux)', async () => {
    const { client } = await h.open('AWS-StartPortForwardingSession', { portNumber: ['9'] });
    await client.waitFor((c) => c.handshakeCompleted, 5000, 'handshake complete');
    const mux = new SmuxTestClient(client);
    mux.open(3);
    await client.waitFor((c) => c.flags.includes(PayloadFlag.ConnectToPortError) && mux.finished.has(3), 5000, 'ConnectToPortError');
    expect(h.logs.some((l) => l.includes('nothing listens on port 9'))).toBe(true);
    client.close();
  });

  it('forwards to a loopback remote host and refuses anything beyond loopback', async () => {
    const { client } = await h.open('AWS-StartPortForwardingSessionToRemoteHost', { host: ['127.0.0.1'], portNumber: [String(remotePort)] });
    const hs = await client.handshake;
    expect(hs.properties).toMatchObject({ host: '127.0.0.1', portNumber: String(remotePort), type: 'LocalPortForwarding' });
    await client.waitFor((c) => c.handshakeCompleted, 5000, 'handshake complete');
    const mux = new SmuxTestClient(client);
    mux.open(3);
    mux.write(3, Buffer.from('ping'));
    await client.waitFor(() => mux.dataOf(3).toString() === 'remote:ping', 5000, 'remote reply');
    client.close();

    const far = await h.open('AWS-StartPortForwardingSessionToRemoteHost', { host: ['10.20.30.40'], portNumber: ['5432'] });
    await far.client.waitFor((c) => c.handshakeCompleted, 5000, 'handshake complete');
    const farMux = new SmuxTestClient(far.client);
    farMux.open(3);
    await far.client.waitFor((c) => c.flags.includes(PayloadFlag.ConnectToPortError), 5000, 'refusal');
    expect(h.logs.some((l) => l.includes('refusing to connect to 10.20.30.40'))).toBe(true);
    far.client.close();

    const basicFar = await h.open('AWS-StartPortForwardingSessionToRemoteHost', { host: ['example.com'], portNumber: ['80'] }, { clientVersion: OLD_CLIENT });
    expect((await basicFar.client.closed).Output).toMatch(/refusing to connect to example\.com/);
  });

  it('AWS-StartSSHSession streams to the target SSH port and ends when it closes', async () => {
    const { client } = await h.open('AWS-StartSSHSession', { portNumber: ['22'] });
    const hs = await client.handshake;
    expect(hs.properties).toEqual({ portNumber: '22' });
    await client.waitForText('SSH-2.0-OpenSSH_9.2p1 Debian\r\n');
    client.sendBytes(Buffer.from('hello ssh'));
    await client.waitForText('hello ssh');
    client.sendBytes(Buffer.from('bye'));
    await client.closed;
    expect(client.text).toContain('closing');
  });

  it('ends the session when the client rejects the handshake', async () => {
    const { client } = await h.open('AWS-StartPortForwardingSession', { portNumber: ['7'] }, {
      answerHandshake: () => ({
        ClientVersion: '1.2.677.0',
        ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 2, ActionResult: null, Error: 'Failed to process action SessionType: Unknown session type Port' }],
        Errors: ['Failed to process action SessionType: Unknown session type Port'],
      }),
    });
    const closed = await client.closed;
    expect(closed.Output).toBe('Handshake failed: Failed to process action SessionType: Unknown session type Port');
    expect(client.handshakeCompleted).toBe(false);
  });
});

describe('handshake rules', () => {
  it('acks but discards data sent before the handshake completes', async () => {
    const holder: { client?: import('./helpers/protocolClient').TestClient } = {};
    const opened = await h.open('AWS-StartPortForwardingSession', { portNumber: ['7'] }, {
      clientVersion: OLD_CLIENT,
      answerHandshake: (request) => {
        holder.client!.sendBytes(Buffer.from('too-early'));
        return {
          ClientVersion: OLD_CLIENT,
          ProcessedClientActions: request.RequestedClientActions.map((a) => ({ ActionType: a.ActionType, ActionStatus: 1, ActionResult: null, Error: '' })),
          Errors: null,
        };
      },
    });
    holder.client = opened.client;
    const client = opened.client;
    await client.waitFor((c) => c.handshakeCompleted, 5000, 'handshake complete');
    await client.waitFor((c) => c.unacknowledged === 0, 5000, 'early data acknowledged');
    client.sendBytes(Buffer.from('on-time'));
    await client.waitForText('on-time');
    expect(client.text).toBe('on-time');
    client.close();
  });

  it('gives up when the client never answers the handshake', async () => {
    const quick = await startHarness({ handshakeTimeoutMs: 300 });
    try {
      const { session, streamUrl } = quick.start('AWS-StartSSHSession');
      const ws = new (await import('ws')).default(streamUrl);
      await new Promise((r) => ws.once('open', r));
      const { buildOpenDataChannel, decodeMessage, parseChannelClosed } = await import('../../../main/ssm/protocol');
      ws.send(buildOpenDataChannel({ tokenValue: session.tokenValue }));
      const closed = await new Promise<string>((resolve) =>
        ws.on('message', (data: Buffer) => {
          const m = decodeMessage(data, { strict: false });
          if (m.ok && m.message.messageType === 'channel_closed') {
            const parsed = parseChannelClosed(m.message.payload);
            resolve(parsed.ok ? (parsed.value.Output ?? '') : '');
          }
        }),
      );
      expect(closed).toMatch(/^Handshake timed out/);
      ws.terminate();
    } finally {
      await quick.close();
    }
  });
});
