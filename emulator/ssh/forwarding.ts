// Where a bastion's direct-tcpip request may go. The emulated VPC lives on loopback: a request for
// a fleet host's private IP on port 22 goes to that host's loopback port, a loopback destination
// is allowed as is, and anything else is refused, so no traffic ever leaves 127.0.0.0/8.
import { isIP } from 'node:net';

export interface PrivateAddressMap {
  /** privateIp → loopback port of that host's SSH server. */
  sshPortByPrivateIp: Map<string, number>;
}

export type ForwardDecision = { ok: true; host: string; port: number } | { ok: false; reason: string };

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./i.test(host);
  return false;
}

export function resolveForward(map: PrivateAddressMap, destHost: string, destPort: number): ForwardDecision {
  if (!Number.isInteger(destPort) || destPort < 1 || destPort > 65535) return { ok: false, reason: `invalid port ${destPort}` };
  const mapped = map.sshPortByPrivateIp.get(destHost);
  if (mapped !== undefined) {
    if (destPort === 22) return { ok: true, host: '127.0.0.1', port: mapped };
    return { ok: false, reason: `${destHost} only listens on port 22 in the emulated VPC` };
  }
  if (isLoopback(destHost)) return { ok: true, host: destHost === 'localhost' ? '127.0.0.1' : destHost, port: destPort };
  return { ok: false, reason: `${destHost}:${destPort} is outside the emulated network (only fleet private IPs and loopback are reachable)` };
}
