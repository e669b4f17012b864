import { describe, expect, it } from 'vitest';
import { SshKeySettingsSchema } from '../../../common/api/sshKeySettings';
import { bastionFromRules } from './bastionRule';

const settings = SshKeySettingsSchema.parse({
  rules: [
    { accountId: '111111111111', source: 'parameter-store', bastion: 'i-0a11111111111111c' },
    { environment: 'development', source: 'instance-connect', bastion: 'dev-bastion' },
  ],
});
const listed: Record<string, Array<{ instanceId: string }>> = { 'dev-bastion': [{ instanceId: 'i-0c33333333333333c' }] };

describe('bastionFromRules', () => {
  it('gives the id a rule names, resolves a Name tag, and nothing without a rule', () => {
    expect(bastionFromRules(settings, { accountId: '111111111111', region: 'ap-northeast-1', environment: 'production' }, () => [])).toBe('i-0a11111111111111c');
    expect(bastionFromRules(settings, { accountId: '333333333333', region: 'ap-northeast-1', environment: 'development' }, (n) => listed[n] ?? [])).toBe('i-0c33333333333333c');
    expect(bastionFromRules(settings, { accountId: '222222222222', region: 'ap-northeast-1', environment: 'staging' }, () => [])).toBeUndefined();
  });

  it('says when the name matches no listed instance, or several', () => {
    const dev = { accountId: '333333333333', region: 'ap-northeast-1', environment: 'development' };
    expect(() => bastionFromRules(settings, dev, () => [])).toThrow(/"dev-bastion" named in Settings › SSH keys is not among the listed instances of account 333333333333 in ap-northeast-1/);
    expect(() => bastionFromRules(settings, dev, () => [{ instanceId: 'i-01' }, { instanceId: 'i-02' }])).toThrow(/2 instances .* are named "dev-bastion": i-01, i-02/);
  });
});
