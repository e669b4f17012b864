import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/api/settings';
import { environmentToRecord, identityOf, recordingPolicy } from './recordingPolicy';
import type { ShellSession } from '../ssm/client/shellSession';

const input = { ssoSessionId: 'acme', accountId: '111111111111', roleName: 'Admin', region: 'ap-northeast-1', instanceId: 'i-0a11111111111111a', cols: 120, rows: 40 };
const shell = {} as ShellSession;

describe('recordingPolicy', () => {
  it('records production by default and not development, with the metadata the History view shows', async () => {
    const calls: unknown[] = [];
    const history = { record: async (_s: ShellSession, metadata: object, size: object) => (calls.push({ metadata, size }), { name: 'x.cast', mark: () => {}, close: async () => {} }) };
    let env: 'production' | 'development' = 'production';
    const policy = recordingPolicy({ settings: () => DEFAULT_SETTINGS.recording, lookup: () => ({ environment: env, instanceName: 'prod-web-1', accountName: 'acme-prod' }), history });
    expect(await policy({ input: { ...input, reason: 'INC-9' }, identity: 'alice', awsSessionId: 'alice-0123456789abcdef01', shell })).toMatchObject({ name: 'x.cast' });
    expect(calls[0]).toEqual({
      metadata: { identity: 'alice', accountId: '111111111111', accountName: 'acme-prod', roleName: 'Admin', instanceId: 'i-0a11111111111111a', instanceName: 'prod-web-1', region: 'ap-northeast-1', reason: 'INC-9', awsSessionId: 'alice-0123456789abcdef01' },
      size: { cols: 120, rows: 40 },
    });
    env = 'development';
    expect(await policy({ input, identity: 'alice', awsSessionId: 'alice-0123456789abcdef01', shell })).toBeUndefined();
    const all = recordingPolicy({ settings: () => ({ ...DEFAULT_SETTINGS.recording, environments: { ...DEFAULT_SETTINGS.recording.environments, development: true } }), lookup: () => ({ environment: 'development' }), history });
    expect(await all({ input, identity: 'bob', awsSessionId: 'bob-0123456789abcdef01', shell })).toBeDefined();
  });

  it('records an SSH shell, which has no Session Manager session, under its login', async () => {
    const calls: Array<{ metadata: object }> = [];
    const history = { record: async (_s: ShellSession, metadata: object) => (calls.push({ metadata }), { name: 'y.cast', mark: () => {}, close: async () => {} }) };
    const policy = recordingPolicy({ settings: () => DEFAULT_SETTINGS.recording, lookup: () => ({ environment: 'production' }), history });
    await policy({ input, identity: 'ec2-user@bastion-prod', shell });
    expect(calls[0]!.metadata).toMatchObject({ identity: 'ec2-user@bastion-prod' });
    expect(calls[0]!.metadata).not.toHaveProperty('awsSessionId');
  });

  it('treats a host the inventory does not know as production when a reason was given', () => {
    expect(environmentToRecord(undefined, 'INC-1')).toBe('production');
    expect(environmentToRecord(undefined, undefined)).toBe('other');
    expect(environmentToRecord({ environment: 'staging' }, 'x')).toBe('staging');
  });

  it('takes who from the session id the way AWS builds it', () => {
    expect(identityOf('alice-0123456789abcdef01')).toBe('alice');
    expect(identityOf('alice@example.com-0a1b2c3d4e5f6a7b8')).toBe('alice@example.com');
    expect(identityOf('weird')).toBe('weird');
  });
});
