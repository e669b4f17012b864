// Turns "this instance, through that bastion (or over Session Manager, or directly)" into the list
// of SSH hops to log in to, with ~/.ssh/config applied the way OpenSSH would for the name a person
// uses: an instance is looked up in the config by its id, then its Name tag, then its IPs, and the
// first that a Host block names is used (a bare `Host *` still supplies defaults). ProxyJump in
// the config is followed when no bastion is chosen explicitly.
import { FumidaiError } from '../../common/api/errors';
import { knownHostsName } from './knownHosts';
import { parseJump, type SshConfig } from './sshConfig';
import type { SshHop } from './types';

/** What the inventory knows about an instance. */
export interface InstanceFacts {
  instanceId: string;
  name?: string;
  accountId: string;
  region: string;
  environment?: string;
  privateIp?: string;
  publicIp?: string;
}

export type SshVia =
  /** Through this bastion (an instance, or a host name as ~/.ssh/config knows it). */
  | { kind: 'bastion'; bastion: InstanceFacts | string }
  /** SSH over Session Manager (AWS-StartSSHSession) to the instance itself. */
  | { kind: 'ssm' }
  /** To the instance's own address (or as ~/.ssh/config says, ProxyJump included). */
  | { kind: 'direct' };

export interface SshPlan {
  transport: 'tcp' | 'ssm';
  hops: SshHop[];
}

export const DEFAULT_SSH_USER = 'ec2-user';
const MAX_HOPS = 8;

export interface PlanInput {
  target: InstanceFacts | string;
  via: SshVia;
  config: SshConfig;
  /** The OS user on the target (else ~/.ssh/config's User, else ec2-user). */
  osUser?: string;
  home?: string;
}

export function planSshRoute(input: PlanInput): SshPlan {
  const { config } = input;
  if (input.via.kind === 'ssm') {
    if (typeof input.target === 'string') throw new FumidaiError('InvalidRequest', 'SSH over Session Manager needs an instance id, not a host name.');
    const t = input.target;
    // Session Manager reaches port 22 of the instance itself; only User and HostKeyAlias apply.
    const alias = configNameFor(t, config);
    const cfg = config.resolve(alias ?? t.instanceId, input.home);
    return {
      transport: 'ssm',
      hops: [
        {
          label: labelOf(t),
          role: 'target',
          host: t.instanceId,
          port: 22,
          username: input.osUser ?? cfg.user ?? DEFAULT_SSH_USER,
          hostKeyName: cfg.hostKeyAlias ?? t.instanceId,
          identityFiles: cfg.identityFiles,
          instance: instanceOf(t),
        },
      ],
    };
  }
  const target = resolveHop(input.target, 'target', input.via.kind === 'bastion' ? 'private' : 'public', config, input);
  let jumps: SshHop[];
  if (input.via.kind === 'bastion') {
    const bastion = resolveHop(input.via.bastion, 'bastion', 'public', config, {});
    jumps = [...expandJumps(bastion.proxyJump, config, input.home, 0), bastion.hop];
  } else {
    jumps = expandJumps(target.proxyJump, config, input.home, 0);
  }
  const hops = [...jumps, target.hop];
  if (hops.length > MAX_HOPS) throw new FumidaiError('InvalidConfig', `The route to ${target.hop.label} has more than ${MAX_HOPS} hops; check ProxyJump in ~/.ssh/config for a loop.`);
  return { transport: 'tcp', hops };
}

function labelOf(t: InstanceFacts): string {
  return t.name && t.name !== t.instanceId ? `${t.name} (${t.instanceId})` : t.instanceId;
}

function instanceOf(t: InstanceFacts): SshHop['instance'] {
  return { instanceId: t.instanceId, accountId: t.accountId, region: t.region, ...(t.name ? { name: t.name } : {}), ...(t.environment ? { environment: t.environment } : {}) };
}

/** The first of the instance's names that a specific Host block mentions. */
function configNameFor(t: InstanceFacts, config: SshConfig): string | undefined {
  return [t.instanceId, t.name, t.privateIp, t.publicIp].find((n): n is string => Boolean(n) && config.mentions(n!));
}

function resolveHop(
  what: InstanceFacts | string,
  role: SshHop['role'],
  prefer: 'public' | 'private',
  config: SshConfig,
  opts: { osUser?: string; home?: string },
): { hop: SshHop; proxyJump?: string[] } {
  if (typeof what === 'string') {
    const jump = parseJump(what);
    if (!jump) throw new FumidaiError('InvalidRequest', `'${what}' is not a host name, user@host or host:port.`);
    const cfg = config.resolve(jump.host, opts.home);
    const host = cfg.hostName ?? jump.host;
    const port = jump.port ?? cfg.port ?? 22;
    return {
      hop: {
        label: jump.host === host ? knownHostsName(host, port) : jump.host,
        role,
        host,
        port,
        username: (role === 'target' ? opts.osUser : undefined) ?? jump.user ?? cfg.user ?? DEFAULT_SSH_USER,
        hostKeyName: cfg.hostKeyAlias ?? knownHostsName(host, port),
        identityFiles: cfg.identityFiles,
      },
      ...(cfg.proxyJump ? { proxyJump: cfg.proxyJump } : {}),
    };
  }
  const named = configNameFor(what, config);
  const address = prefer === 'public' ? (what.publicIp ?? what.privateIp) : (what.privateIp ?? what.publicIp);
  const lookup = named ?? address;
  if (!lookup) throw new FumidaiError('InvalidConfig', `${labelOf(what)} has no IP address to connect to, and ~/.ssh/config has no Host entry for it.`);
  const cfg = config.resolve(lookup, opts.home);
  const host = cfg.hostName ?? address ?? lookup;
  const port = cfg.port ?? 22;
  return {
    hop: {
      label: labelOf(what),
      role,
      host,
      port,
      username: (role === 'target' ? opts.osUser : undefined) ?? cfg.user ?? DEFAULT_SSH_USER,
      hostKeyName: cfg.hostKeyAlias ?? knownHostsName(host, port),
      identityFiles: cfg.identityFiles,
      instance: instanceOf(what),
    },
    ...(cfg.proxyJump ? { proxyJump: cfg.proxyJump } : {}),
  };
}

/** ProxyJump hops, each of which may have its own ProxyJump (followed first). */
function expandJumps(jumps: string[] | undefined, config: SshConfig, home: string | undefined, depth: number): SshHop[] {
  if (!jumps || jumps.length === 0) return [];
  if (depth > MAX_HOPS) throw new FumidaiError('InvalidConfig', 'ProxyJump in ~/.ssh/config loops back on itself.');
  const hops: SshHop[] = [];
  for (const [i, jump] of jumps.entries()) {
    const resolved = resolveHop(jump, 'bastion', 'public', config, { home });
    // Only the first jump's own ProxyJump matters: later ones are reached through the earlier.
    if (i === 0) hops.push(...expandJumps(resolved.proxyJump, config, home, depth + 1));
    hops.push(resolved.hop);
  }
  return hops;
}
