// Raw throughput of the emulated Session Manager data channel: a shell session `cat`s a file in raw
// mode to a minimal client that does nothing but acknowledge each output message. The figure is
// the ceiling the product's client can be compared against (same machine, same agent).
//
//   npm run bench:channel [-- --mb 64]
//
// Writes test/bench/results/channel.json. CPU time is this process's (agent, channel and client
// together; the shell and `cat` run in child processes and are not counted).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createSessionBroker } from '../../emulator/datachannel/broker';
import {
  HeaderFlag,
  MessageType,
  PayloadType,
  buildOpenDataChannel,
  decodeMessage,
  encodeAcknowledge,
  encodeMessage,
} from '../../main/ssm/protocol';

const mbArg = process.argv.indexOf('--mb');
const sizeMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 64;
if (!Number.isFinite(sizeMb) || sizeMb <= 0) throw new Error('--mb must be a positive number');
const size = Math.round(sizeMb * 1024 * 1024);

async function main(): Promise<void> {
  const rootDir = mkdtempSync(join(tmpdir(), 'fumidai-bench-'));
  const home = join(rootDir, 'home', 'ssm-user');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'payload.bin'), randomBytes(size));

  let port = 0;
  const broker = createSessionBroker({ clock: { now: () => Date.now() }, streamBaseUrl: () => `ws://127.0.0.1:${port}` });
  const server = createServer();
  server.on('upgrade', (req, socket, head) => broker.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;

  const session = {
    sessionId: 'bench-0001',
    tokenValue: 'bench-token',
    target: { instanceId: 'i-0bench000000000000', accountId: '111122223333', region: 'eu-west-1', name: 'bench', platform: 'Linux' as const, rootDir, services: [] },
    documentName: 'SSM-SessionManagerRunShell',
    parameters: {},
    runAsUser: 'ssm-user',
    principalArn: 'arn:aws:sts::111122223333:assumed-role/Bench/bench',
  };
  const { streamUrl } = broker.createSession(session);

  const ws = new WebSocket(streamUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(buildOpenDataChannel({ tokenValue: session.tokenValue, clientId: 'bench', clientVersion: '1.2.677.0' }));

  let outputBytes = 0;
  let messages = 0;
  let started = 0;
  let cpuAtStart = process.cpuUsage();
  let sentCommand = false;
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const decoded = decodeMessage(data, { strict: false });
      if (!decoded.ok) return reject(new Error(decoded.detail));
      const m = decoded.message;
      if (m.messageType === MessageType.ChannelClosed) return resolve();
      if (m.messageType !== MessageType.OutputStreamData) return;
      // The whole client: acknowledge, count.
      ws.send(encodeMessage({ messageType: MessageType.Acknowledge, payloadType: 0, flags: HeaderFlag.NonSequenced, payload: encodeAcknowledge(m) }));
      messages += 1;
      if (started) outputBytes += m.payload.length;
      if (!sentCommand) {
        sentCommand = true;
        started = performance.now();
        cpuAtStart = process.cpuUsage();
        const command = Buffer.from('stty raw -echo; cat payload.bin; exit\r');
        ws.send(encodeMessage({ messageType: MessageType.InputStreamData, payloadType: PayloadType.Output, sequenceNumber: 0, payload: command }));
      }
    });
  });
  await done;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const mb = outputBytes / (1024 * 1024);
  const result = {
    date: new Date().toISOString(),
    scenario: 'shell session, raw-mode cat to an ack-only client over loopback WebSocket',
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    megabytes: Number(mb.toFixed(2)),
    messages,
    seconds: Number(seconds.toFixed(3)),
    megabytesPerSecond: Number((mb / seconds).toFixed(2)),
    cpuMillisecondsPerMegabyte: Number(((cpu.user + cpu.system) / 1000 / mb).toFixed(2)),
  };
  ws.terminate();
  await broker.close();
  server.close();
  rmSync(rootDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  if (outputBytes < size) throw new Error(`only ${outputBytes} of ${size} bytes arrived`);

  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'channel.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`${result.megabytesPerSecond} MB/s, ${result.cpuMillisecondsPerMegabyte} ms CPU per MB (${result.megabytes} MB in ${result.seconds} s, ${messages} messages) -> ${out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
