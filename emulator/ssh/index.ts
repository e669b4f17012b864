// The emulator's SSH hosts: bastions and targets that speak real SSH, behind one interface with two
// back-ends. `embedded` is an ssh2 server per host (works anywhere; the demo uses it); `openssh`
// runs Debian's sshd per host on loopback (CI), so the product is tested against the real thing.
import type { Clock, InstanceConnectKeys, SshHostFleet, SshHostSpec } from '../contracts';
import { startEmbeddedFleet } from './embedded/fleet';
import { startOpenSshFleet } from './openssh/fleet';
import { renderKnownHosts, renderSshConfig, type SshConfigOptions } from './sshConfig';

export interface StartSshHostsOptions {
  specs: SshHostSpec[];
  instanceConnect: InstanceConnectKeys;
  clock: Clock;
  backend: 'embedded' | 'openssh';
  log?: (m: string) => void;
}

/** A started fleet, plus helpers that render client configuration for it. */
export interface EmulatedSshFleet extends SshHostFleet {
  /** ssh_config blocks: Host <instanceId> <privateIp> <name> → 127.0.0.1:port with HostKeyAlias. */
  sshConfig(options?: SshConfigOptions): string;
  /** known_hosts lines for every host, keyed by instance ID. */
  knownHosts(): string;
  /**
   * The destination a bastion's direct-tcpip must name to reach this host's SSH port: its private
   * IP and port 22 on the embedded back-end (as on AWS); 127.0.0.1 and its port on OpenSSH, whose
   * bastions may only open loopback destinations (PermitOpen) and cannot remap addresses.
   */
  bastionRoute(instanceId: string): { host: string; port: number } | undefined;
}

export function validateSpecs(specs: SshHostSpec[]): void {
  const seen = new Set<string>();
  const ips = new Set<string>();
  for (const spec of specs) {
    if (!/^i-[0-9a-f]{8,17}$/.test(spec.instanceId)) throw new Error(`SSH host ${JSON.stringify(spec.instanceId)}: not an EC2 instance ID (i- followed by 8 or 17 hex digits)`);
    if (seen.has(spec.instanceId)) throw new Error(`SSH host ${spec.instanceId} is listed twice`);
    seen.add(spec.instanceId);
    if (ips.has(spec.privateIp)) throw new Error(`SSH host ${spec.instanceId}: private IP ${spec.privateIp} is used by another host`);
    ips.add(spec.privateIp);
    if (spec.osUsers.length === 0) throw new Error(`SSH host ${spec.instanceId}: osUsers is empty, so nobody could log in`);
    for (const user of spec.osUsers) {
      if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) throw new Error(`SSH host ${spec.instanceId}: ${JSON.stringify(user)} is not a valid OS user name`);
    }
  }
}

export async function startSshHosts(opts: StartSshHostsOptions): Promise<EmulatedSshFleet> {
  validateSpecs(opts.specs);
  const fleet: SshHostFleet = opts.backend === 'openssh' ? await startOpenSshFleet(opts) : await startEmbeddedFleet(opts);
  return Object.assign(fleet, {
    sshConfig: (options?: SshConfigOptions) => renderSshConfig(fleet.hosts, opts.specs, options),
    knownHosts: () => renderKnownHosts(fleet.hosts),
    bastionRoute: (instanceId: string) => {
      const handle = fleet.hostFor(instanceId);
      const spec = opts.specs.find((s) => s.instanceId === instanceId);
      if (!handle || !spec) return undefined;
      return fleet.backend === 'embedded' ? { host: spec.privateIp, port: 22 } : { host: handle.host, port: handle.port };
    },
  });
}

export { totpCode, verifyTotp } from './totp';
export { renderSshConfig, renderKnownHosts } from './sshConfig';
export { hostKeyOf } from './hostKeys';
