import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema, SettingsSchema } from '../../../common/api/settings';
import { SshKeySettingsSchema } from '../../../common/api/sshKeySettings';
import { configuredBastion, parameterCandidates, ruleFor, sourceFromRule } from './keyRules';

const input = { environment: 'production' as const, hop: 'target' as const, instanceId: 'i-0a11111111111111d', instanceName: 'prod-legacy-batch', osUser: 'ec2-user', accountId: '111111111111' };

describe('key rules', () => {
  it('picks the first rule for the account, environment and hop; Parameter Store without one', () => {
    const settings = SshKeySettingsSchema.parse({
      rules: [
        { accountId: '111111111111', hop: 'bastion', source: 'agent', agentSocket: '/run/agent.sock' },
        { environment: 'production', source: 'instance-connect', bastion: 'prod-bastion' },
        { source: 'file', keyFile: '~/.ssh/id_ed25519' },
      ],
    });
    expect(sourceFromRule(ruleFor(settings, { accountId: '111111111111', environment: 'production', hop: 'bastion' }))).toEqual({ kind: 'agent', socket: '/run/agent.sock' });
    expect(sourceFromRule(ruleFor(settings, { accountId: '111111111111', environment: 'production', hop: 'target' }))).toEqual({ kind: 'instance-connect' });
    expect(sourceFromRule(ruleFor(settings, { accountId: '333333333333', environment: 'development', hop: 'target' }))).toEqual({ kind: 'file', path: '~/.ssh/id_ed25519' });
    expect(sourceFromRule(undefined)).toEqual({ kind: 'parameter-store' });
    expect(configuredBastion(settings, { accountId: '111111111111', environment: 'production' })).toBe('prod-bastion');
    expect(configuredBastion(settings, { accountId: '333333333333', environment: 'development' })).toBeUndefined();
  });

  it('fills the default path with the names people give keys, skipping values a parameter name cannot hold', () => {
    expect(parameterCandidates('/fumidai/keys/{environment}/{name}', input)).toEqual([
      '/fumidai/keys/production/prod-legacy-batch',
      '/fumidai/keys/production/legacy-batch',
      '/fumidai/keys/production/i-0a11111111111111d',
    ]);
    expect(parameterCandidates('/fumidai/keys/{environment}/{name}', { ...input, hop: 'bastion', instanceName: 'prod bastion (old)' })).toEqual(['/fumidai/keys/production/bastion', '/fumidai/keys/production/i-0a11111111111111d']);
    expect(parameterCandidates('/k/{accountId}/{osUser}', input)).toEqual(['/k/111111111111/ec2-user']);
    expect(parameterCandidates('/k/{instanceName}', { ...input, instanceName: undefined })).toEqual([]);
  });

  it('validates rules and paths in the settings, with messages that say what is expected', () => {
    const bad = (sshKeys: unknown) => SettingsPatchSchema.safeParse({ sshKeys });
    expect(bad({ parameterPath: 'fumidai/keys' }).error?.issues[0]?.message).toMatch(/starting with \//);
    expect(bad({ parameterPath: '/fumidai/{env}/{name}' }).error?.issues[0]?.message).toMatch(/placeholders are \{environment\}/);
    expect(bad({ rules: [{ source: 'file' }] }).error?.issues[0]?.message).toBe('a key-file rule needs the key file');
    expect(bad({ rules: [{ source: 'agent', agentFingerprint: 'MD5:aa' }] }).error?.issues[0]?.message).toMatch(/fingerprint/);
    expect(bad({ lifetimeMinutes: 0 }).success).toBe(false);
    expect(bad({ lifetimeMinutes: 30, rules: [{ environment: 'production', source: 'instance-connect' }] }).success).toBe(true);
    expect(SettingsSchema.parse({}).sshKeys).toEqual({ lifetimeMinutes: 60, endWithSsoSession: true, parameterPath: '/fumidai/keys/{environment}/{name}', rules: [] });
  });
});
