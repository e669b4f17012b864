// A broker behind a tiny HTTP server on 127.0.0.1:0, plus fixture sessions, for the data-channel suites.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuthorizedSession, InstanceRuntimeInfo } from '../../../../emulator/contracts';
import { createSessionBroker, type DataChannelBroker, type SessionBrokerOptions } from '../../../../emulator/datachannel/broker';
import { TestClient, type ClientOptions } from './protocolClient';

export interface Harness {
  broker: DataChannelBroker;
  target: InstanceRuntimeInfo;
  rootDir: string;
  logs: string[];
  start(documentName?: string, parameters?: Record<string, string[]>, extra?: Partial<AuthorizedSession>): { session: AuthorizedSession; streamUrl: string };
  /** Starts a session and connects a client that resumes through broker.resumeSession. */
  open(documentName?: string, parameters?: Record<string, string[]>, clientOptions?: Partial<ClientOptions>): Promise<{ client: TestClient; session: AuthorizedSession }>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<SessionBrokerOptions> = {}): Promise<Harness> {
  const rootDir = mkdtempSync(join(tmpdir(), 'fumidai-dc-'));
  const logs: string[] = [];
  let port = 0;
  const broker = createSessionBroker({
    clock: { now: () => Date.now() },
    streamBaseUrl: () => `ws://127.0.0.1:${port}`,
    log: (m) => logs.push(m),
    hostnameFor: () => 'ip-10-0-1-5',
    ...options,
  });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/v1/data-channel/')) broker.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  const target: InstanceRuntimeInfo = {
    instanceId: 'i-0123456789abcdef0',
    accountId: '111122223333',
    region: 'eu-west-1',
    name: 'web-1',
    platform: 'Linux',
    rootDir,
    services: [
      { port: 7, kind: 'echo' },
      { port: 80, kind: 'http' },
      { port: 5432, kind: 'postgres-banner' },
    ],
  };
  const clients: TestClient[] = [];
  let counter = 0;
  const start: Harness['start'] = (documentName = 'SSM-SessionManagerRunShell', parameters = {}, extra = {}) => {
    const session: AuthorizedSession = {
      sessionId: `alice-${(counter++).toString().padStart(4, '0')}${randomBytes(4).toString('hex')}`,
      tokenValue: randomBytes(24).toString('base64url'),
      target,
      documentName,
      parameters,
      runAsUser: 'ssm-user',
      principalArn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev/alice',
      ...extra,
    };
    return { session, streamUrl: broker.createSession(session).streamUrl };
  };
  return {
    broker,
    target,
    rootDir,
    logs,
    start,
    async open(documentName, parameters, clientOptions = {}) {
      const { session, streamUrl } = start(documentName, parameters);
      const client = new TestClient({ streamUrl, tokenValue: session.tokenValue, resume: () => broker.resumeSession(session.sessionId).tokenValue, ...clientOptions });
      clients.push(client);
      await client.connect();
      return { client, session };
    },
    async close() {
      for (const c of clients) c.close();
      await broker.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(rootDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}
