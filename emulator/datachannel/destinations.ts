// Where a port session connects. Everything resolves to a loopback address: the emulator must never
// send traffic beyond 127.0.0.0/8, whatever host or port a session's parameters name.
import { connect, isIPv4, type Socket } from 'node:net';
import type { Endpoint } from './instanceServices';

export class DestinationError extends Error {}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIPv4(host)) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

export type DestinationResolver = () => Endpoint;

/** Opens a TCP connection to a resolved endpoint (refusing anything that is not loopback). */
export function dialEndpoint(endpoint: Endpoint): Promise<Socket> {
  if (!isLoopbackHost(endpoint.host)) return Promise.reject(new DestinationError(`refusing to connect to ${endpoint.host}: the emulator only connects to loopback addresses`));
  return new Promise((resolve, reject) => {
    const socket = connect({ host: endpoint.host === 'localhost' ? '127.0.0.1' : endpoint.host, port: endpoint.port });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
