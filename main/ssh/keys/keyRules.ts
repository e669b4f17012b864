// Which key source and which bastion a hop uses, from the settings' rules, and the Parameter Store
// names to look for when no rule names one. Pure functions: the vault and the connect path share them.
import type { Environment } from '../../../common/environments';
import type { Hop } from '../../../common/api/keys';
import type { SshKeyRule, SshKeySettings } from '../../../common/api/sshKeySettings';
import type { KeySourceChoice } from './keyVault';

export interface HopScope {
  accountId: string;
  environment: Environment;
  hop: Hop;
}

/** The first rule for this account, environment and hop. */
export function ruleFor(settings: SshKeySettings, scope: HopScope): SshKeyRule | undefined {
  return settings.rules.find(
    (r) => (r.accountId === undefined || r.accountId === scope.accountId) && (r.environment === undefined || r.environment === scope.environment) && (r.hop === undefined || r.hop === scope.hop),
  );
}

/** The source a rule names; Parameter Store at the default path without one. */
export function sourceFromRule(rule: SshKeyRule | undefined): KeySourceChoice {
  switch (rule?.source) {
    case 'instance-connect':
      return { kind: 'instance-connect' };
    case 'file':
      return { kind: 'file', path: rule.keyFile! };
    case 'agent':
      return { kind: 'agent', ...(rule.agentSocket ? { socket: rule.agentSocket } : {}), ...(rule.agentFingerprint ? { fingerprint: rule.agentFingerprint } : {}) };
    case 'parameter-store':
      return rule.parameter ? { kind: 'parameter-store', name: rule.parameter } : { kind: 'parameter-store' };
    default:
      return { kind: 'parameter-store' };
  }
}

/**
 * The bastion the rules name for a target in this account and environment (an instance id or a
 * Name tag), or undefined: then the connect path finds one by the inventory's bastion tag.
 */
export function configuredBastion(settings: SshKeySettings, scope: Omit<HopScope, 'hop'>): string | undefined {
  return settings.rules.find((r) => r.bastion !== undefined && (r.accountId === undefined || r.accountId === scope.accountId) && (r.environment === undefined || r.environment === scope.environment))?.bastion;
}

export interface ParameterNameInput {
  environment: Environment;
  hop: Hop;
  instanceId: string;
  instanceName?: string;
  osUser: string;
  accountId: string;
}

/** Leading words people put before a host's own name ("dev-no-agent", "prod-legacy-batch"). */
const ENVIRONMENT_PREFIX = /^(prod|prd|production|live|stg|stage|staging|dev|develop|development|test|qa|uat|sandbox|sbx)[-_.]/i;
const PARAMETER_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * The parameter names to try, in order. A template with `{name}` tries, for a bastion, "bastion",
 * then the host's Name tag and its instance id; for a target, the Name tag, the Name tag without an
 * environment prefix, then the instance id. Values that are not valid in a parameter name are skipped.
 */
export function parameterCandidates(template: string, input: ParameterNameInput): string[] {
  const name = input.instanceName?.trim();
  const names = input.hop === 'bastion' ? ['bastion', name, input.instanceId] : [name, name?.replace(ENVIRONMENT_PREFIX, ''), input.instanceId];
  const fixed: Record<string, string | undefined> = {
    environment: input.environment,
    instanceName: name,
    instanceId: input.instanceId,
    osUser: input.osUser,
    accountId: input.accountId,
    hop: input.hop,
  };
  const out: string[] = [];
  for (const n of template.includes('{name}') ? names : [undefined]) {
    const values = { ...fixed, name: n };
    let ok = true;
    const filled = template.replace(/\{(\w+)\}/g, (_, key: string) => {
      const v = values[key as keyof typeof values];
      if (!v || !PARAMETER_SEGMENT.test(v)) ok = false;
      return v ?? '';
    });
    if (ok && !out.includes(filled)) out.push(filled);
  }
  return out;
}
