// The key vault as the connect path's SshKeyProvider: for each hop, the key the rules choose, given
// to ssh2 as the vault's agent. Precedence: a rule in Settings › SSH keys, then IdentityFile lines
// from ~/.ssh/config for that host, then the default (Parameter Store for EC2 instances). Hosts that
// are not EC2 instances use their IdentityFile or the SSH agent, or no key at all.
import { ENVIRONMENTS, type Environment } from '../../../common/environments';
import type { SshKeySettings } from '../../../common/api/sshKeySettings';
import type { SshAccess, SshHop, SshKey, SshKeyContext, SshKeyProvider } from '../types';
import type { KeyRequest, KeySourceChoice, KeyVault } from './keyVault';
import { ruleFor, sourceFromRule } from './keyRules';

export interface VaultKeyProviderOptions {
  vault: KeyVault;
  settings: () => SshKeySettings;
  env: NodeJS.ProcessEnv;
}

export function vaultKeyProvider(options: VaultKeyProviderOptions): SshKeyProvider {
  return {
    async keyFor(hop: SshHop, access: SshAccess, context?: SshKeyContext): Promise<SshKey | undefined> {
      const request = requestFor(hop, access, context, options);
      if (!request) return undefined;
      const loaded = await options.vault.acquire(request, {
        ...(context?.prompter ? { askPassphrase: ({ label, attempt }) => askPassphrase(context, hop, label, attempt) } : {}),
        ...(context?.signal ? { signal: context.signal } : {}),
      });
      const method = loaded.authMethod(hop.username);
      return { agent: method.agent as NonNullable<SshKey['agent']>, expiresAt: loaded.info.expiresAt, source: sourceLabel(loaded.info.source, loaded.info.label) };
    },
  };
}

function requestFor(hop: SshHop, access: SshAccess, context: SshKeyContext | undefined, options: VaultKeyProviderOptions): KeyRequest | undefined {
  const instance = hop.instance;
  const environment: Environment = (ENVIRONMENTS as readonly string[]).includes(instance?.environment ?? '') ? (instance!.environment as Environment) : 'other';
  const base = {
    ssoSessionId: access.ssoSessionId,
    accountId: instance?.accountId ?? access.accountId,
    roleName: access.roleName,
    region: instance?.region ?? access.region,
    instanceId: instance?.instanceId ?? hop.label,
    ...(instance?.name ? { instanceName: instance.name } : {}),
    environment,
    hop: hop.role,
    osUser: hop.username,
    connectionId: context?.connectionId ?? `${hop.label}:${Date.now()}`,
  } satisfies KeyRequest;
  const rule = instance ? ruleFor(options.settings(), { accountId: base.accountId, environment, hop: hop.role }) : undefined;
  if (rule) return { ...base, source: sourceFromRule(rule) };
  const fallback = localSource(hop, options.env);
  if (fallback) return { ...base, source: fallback };
  // EC2 instances default to Parameter Store; other hosts have nothing in AWS to ask.
  return instance ? base : undefined;
}

/** The host's IdentityFile from ~/.ssh/config, or the agent for a host that is not an instance. */
function localSource(hop: SshHop, env: NodeJS.ProcessEnv): KeySourceChoice | undefined {
  if (hop.identityFiles.length > 0) return { kind: 'file', path: hop.identityFiles[0]! };
  if (!hop.instance && env.SSH_AUTH_SOCK) return { kind: 'agent' };
  return undefined;
}

async function askPassphrase(context: SshKeyContext, hop: SshHop, label: string, attempt: number): Promise<string | undefined> {
  const answers = await context.prompter!.keyboardInteractive({
    host: hop.label,
    name: 'Key passphrase',
    instructions: attempt > 1 ? `That passphrase was not right (attempt ${attempt}).` : `The key ${label} is protected by a passphrase.`,
    prompts: [{ prompt: `Passphrase for ${label}: `, echo: false }],
  });
  return answers?.[0];
}

function sourceLabel(source: string, label: string): string {
  switch (source) {
    case 'parameter-store':
      return `Parameter Store ${label}`;
    case 'instance-connect':
      return 'EC2 Instance Connect';
    case 'agent':
      return label;
    default:
      return `key file ${label}`;
  }
}
