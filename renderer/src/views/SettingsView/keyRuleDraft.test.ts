import { describe, expect, it } from 'vitest';
import { EMPTY_RULE_DRAFT, ruleFromDraft } from './keyRuleDraft';

describe('ruleFromDraft', () => {
  it('keeps only the fields that apply to the chosen source, trimmed', () => {
    expect(ruleFromDraft({ ...EMPTY_RULE_DRAFT, accountId: ' 111111111111 ', environment: 'production', source: 'agent', detail: '/run/a.sock', fingerprint: '', bastion: 'prod-bastion' })).toEqual({
      rule: { accountId: '111111111111', environment: 'production', source: 'agent', agentSocket: '/run/a.sock', bastion: 'prod-bastion' },
    });
    expect(ruleFromDraft({ ...EMPTY_RULE_DRAFT, source: 'instance-connect', detail: 'ignored' })).toEqual({ rule: { source: 'instance-connect' } });
  });

  it('names the field that is wrong', () => {
    expect(ruleFromDraft({ ...EMPTY_RULE_DRAFT, accountId: '1234' })).toEqual({ problem: 'settings.sshKeys.invalid.accountId' });
    expect(ruleFromDraft({ ...EMPTY_RULE_DRAFT, source: 'file' })).toEqual({ problem: 'settings.sshKeys.invalid.keyFile' });
    expect(ruleFromDraft({ ...EMPTY_RULE_DRAFT, detail: 'no-slash' })).toEqual({ problem: 'settings.sshKeys.invalid.path' });
    expect(ruleFromDraft({ ...EMPTY_RULE_DRAFT, source: 'agent', fingerprint: 'MD5:ab' })).toEqual({ problem: 'settings.sshKeys.invalid.fingerprint' });
  });
});
