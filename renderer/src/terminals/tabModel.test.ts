import { describe, expect, it } from 'vitest';
import { savedTabsOf, tabState } from './tabModel';

const instance = { instanceId: 'i-0a11111111111111a', accountId: '111111111111', region: 'ap-northeast-1', name: 'prod-web-1', accountName: 'acme-prod', environment: 'production' as const, roleName: 'ProductionOperator' };

describe('tab model', () => {
  it('keeps what reopening needs and never the reason', () => {
    const saved = savedTabsOf([{ ssoSessionId: 'acme', instance, reason: 'INC-1' } as never]);
    expect(saved).toEqual([{ ssoSessionId: 'acme', ...instance }]);
    expect(JSON.stringify(saved)).not.toContain('INC-1');
  });

  it('keeps how an SSH tab reached its host, so it reopens the same way', () => {
    const saved = savedTabsOf([{ ssoSessionId: 'acme', instance, ssh: { via: 'bastion', bastionId: 'i-0a11111111111111c' } }]);
    expect(saved[0]).toMatchObject({ ssh: { via: 'bastion', bastionId: 'i-0a11111111111111c' } });
    expect(savedTabsOf([{ ssoSessionId: 'acme', instance }])[0]).not.toHaveProperty('ssh');
  });

  it('says what the tab is doing', () => {
    expect(tabState({})).toBe('connecting');
    expect(tabState({ waiting: true })).toBe('waiting');
    expect(tabState({ failed: true })).toBe('failed');
    expect(tabState({ summary: { state: 'reconnecting' } as never })).toBe('reconnecting');
  });
});
