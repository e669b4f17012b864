// Renders the ssh_config that lets any OpenSSH client (and the product) reach the fleet: each
// host by instance ID, name and private IP maps to its loopback port, with HostKeyAlias so the
// pinned host key belongs to the instance rather than to "127.0.0.1:port".
import type { SshHostHandle, SshHostSpec } from '../contracts';

export interface SshConfigOptions {
  /** The OS user to log in as (default: each host's first OS user). */
  user?: string;
  /** A known_hosts file holding the fleet's host keys (see renderKnownHosts). */
  knownHostsFile?: string;
}

function quoteIfNeeded(value: string): string {
  return /\s/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

export function renderSshConfig(hosts: SshHostHandle[], specs: SshHostSpec[], options: SshConfigOptions = {}): string {
  const blocks: string[] = ['# Emulated SSH hosts (generated): every host lives on 127.0.0.1.'];
  for (const handle of hosts) {
    const spec = specs.find((s) => s.instanceId === handle.instanceId);
    if (!spec) continue;
    const patterns = [spec.instanceId, spec.privateIp, ...(spec.name && !/\s/.test(spec.name) ? [spec.name] : [])];
    const lines = [
      `Host ${patterns.join(' ')}`,
      `  HostName ${handle.host}`,
      `  Port ${handle.port}`,
      `  HostKeyAlias ${spec.instanceId}`,
      `  User ${options.user ?? spec.osUsers[0] ?? 'ec2-user'}`,
    ];
    if (options.knownHostsFile) lines.push(`  UserKnownHostsFile ${quoteIfNeeded(options.knownHostsFile)}`, '  StrictHostKeyChecking yes');
    blocks.push(`# ${spec.role} ${spec.name} (${handle.hostKeyFingerprint})`, ...lines, '');
  }
  return `${blocks.join('\n')}\n`;
}

/** known_hosts lines keyed by instance ID (the HostKeyAlias renderSshConfig uses). */
export function renderKnownHosts(hosts: SshHostHandle[]): string {
  return hosts.map((h) => `${h.instanceId} ${h.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`).join('');
}
