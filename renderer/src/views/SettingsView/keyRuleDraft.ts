// The "add a rule" form of Settings › SSH keys as data: what the fields say becomes a rule the
// settings schema accepts, or the message key for the first field that is wrong.
import type { Environment } from '../../../../common/environments';
import type { Hop, KeySourceKind } from '../../../../common/api/keys';
import { SshKeyRuleSchema, type SshKeyRule } from '../../../../common/api/sshKeySettings';
import type { MessageKey } from '../../i18n/i18n';

const RULE_FIELD_ERRORS: Record<string, MessageKey> = {
  accountId: 'settings.sshKeys.invalid.accountId',
  parameter: 'settings.sshKeys.invalid.path',
  keyFile: 'settings.sshKeys.invalid.keyFile',
  agentFingerprint: 'settings.sshKeys.invalid.fingerprint',
};

export interface RuleDraft {
  accountId: string;
  environment: Environment | '';
  hop: Hop | '';
  source: KeySourceKind;
  detail: string;
  fingerprint: string;
  bastion: string;
}
export const EMPTY_RULE_DRAFT: RuleDraft = { accountId: '', environment: '', hop: '', source: 'parameter-store', detail: '', fingerprint: '', bastion: '' };

/** The rule a draft describes (empty fields left out), or the message key of its first problem. */
export function ruleFromDraft(d: RuleDraft): { rule: SshKeyRule } | { problem: MessageKey } {
  const detail = d.detail.trim();
  const candidate = {
    ...(d.accountId.trim() ? { accountId: d.accountId.trim() } : {}),
    ...(d.environment ? { environment: d.environment } : {}),
    ...(d.hop ? { hop: d.hop } : {}),
    source: d.source,
    ...(detail && d.source === 'parameter-store' ? { parameter: detail } : {}),
    ...(detail && d.source === 'file' ? { keyFile: detail } : {}),
    ...(detail && d.source === 'agent' ? { agentSocket: detail } : {}),
    ...(d.fingerprint.trim() && d.source === 'agent' ? { agentFingerprint: d.fingerprint.trim() } : {}),
    ...(d.bastion.trim() ? { bastion: d.bastion.trim() } : {}),
  };
  const parsed = SshKeyRuleSchema.safeParse(candidate);
  if (parsed.success) return { rule: parsed.data };
  const field = String(parsed.error.issues[0]?.path[0] ?? '');
  return { problem: RULE_FIELD_ERRORS[field] ?? 'settings.sshKeys.invalid.rule' };
}
