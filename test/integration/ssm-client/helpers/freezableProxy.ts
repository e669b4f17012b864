// A TCP proxy in front of the emulator that can "freeze" its current connections: bytes stop
// flowing both ways but no socket closes — what a laptop lid, a dead NAT entry or a pulled cable
// looks like to a WebSocket. New connections (a resume) pass through normally.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FreezableProxy {
  port: number;
  /** Stops the current connections dead (no FIN, no RST, nothing read or written). */
  freeze(): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startFreezableProxy(targetPort: number): Promise<FreezableProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket; frozen: boolean }>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const pair = { client, upstream, frozen: false };
    pairs.add(pair);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (d: Buffer) => {
        if (!pair.frozen) to.write(d);
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', () => (pair.frozen ? undefined : end())).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    freeze() {
      for (const p of pairs) {
        p.frozen = true;
        p.client.pause();
        p.upstream.pause();
      }
    },
    connections: () => pairs.size,
    async close() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise((r) => server.close(r));
    },
  };
}
