// The small TCP services a fixture instance "runs" (InstanceRuntimeInfo.services), each bound to
// an ephemeral port on 127.0.0.1. Port sessions reach them through `endpointFor(instancePort)`,
// so forwarding to "port 5432 on i-0abc" lands on a real socket without leaving loopback.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { InstanceRuntimeInfo } from '../contracts';

export interface Endpoint {
  host: string;
  port: number;
}

export interface InstanceServices {
  /** Loopback endpoint of the service the instance runs on `instancePort`, if any. */
  endpointFor(instancePort: number): Endpoint | undefined;
  close(): Promise<void>;
}

type Kind = InstanceRuntimeInfo['services'][number]['kind'];

function echoServer(): Server {
  return createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.pipe(socket);
  });
}

function httpServer(target: InstanceRuntimeInfo, port: number): HttpServer {
  return createHttpServer((req, res) => {
    const body = JSON.stringify({ instanceId: target.instanceId, name: target.name, port, method: req.method, path: req.url }) + '\n';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), server: `fumidai-emulator (${target.instanceId})` });
    res.end(body);
  });
}

/**
 * Enough of the PostgreSQL wire protocol for a client to get a clear answer: refuses TLS with 'N',
 * then answers the startup message with an ErrorResponse naming the emulated instance.
 */
function postgresBannerServer(target: InstanceRuntimeInfo): Server {
  return createServer((socket: Socket) => {
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4) {
        const length = buffered.readUInt32BE(0);
        if (length < 8 || length > 10_000) {
          socket.destroy();
          return;
        }
        if (buffered.length < length) return;
        const code = buffered.readUInt32BE(4);
        buffered = buffered.subarray(length);
        if (code === 80877103 || code === 80877104) {
          socket.write('N'); // SSLRequest / GSSENCRequest: not supported
          continue;
        }
        const fields = `SFATAL\0VFATAL\0C28000\0Mfumidai emulator: fake database on ${target.instanceId} (${target.name}) accepts no logins\0\0`;
        const body = Buffer.from(fields, 'utf8');
        const msg = Buffer.alloc(5 + body.length);
        msg.write('E', 0, 'latin1');
        msg.writeUInt32BE(4 + body.length, 1);
        body.copy(msg, 5);
        socket.end(msg);
        return;
      }
    });
  });
}

function build(kind: Kind, target: InstanceRuntimeInfo, port: number): Server | HttpServer {
  switch (kind) {
    case 'echo':
      return echoServer();
    case 'http':
      return httpServer(target, port);
    case 'postgres-banner':
      return postgresBannerServer(target);
  }
}

export async function startInstanceServices(target: InstanceRuntimeInfo): Promise<InstanceServices> {
  const running = new Map<number, { server: Server | HttpServer; endpoint: Endpoint }>();
  for (const service of target.services) {
    const server = build(service.kind, target, service.port);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address && typeof address === 'object') running.set(service.port, { server, endpoint: { host: '127.0.0.1', port: address.port } });
  }
  return {
    endpointFor: (instancePort) => running.get(instancePort)?.endpoint,
    close: async () => {
      await Promise.all(
        [...running.values()].map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              if ('closeAllConnections' in server) server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
      running.clear();
    },
  };
}
