import { describe, expect, it } from 'vitest';
import { classifyAccount } from './environments';

const acct = (accountName: string, emailAddress = '') => ({ accountId: '111122223333', accountName, emailAddress });

describe('classifyAccount', () => {
  it.each([
    ['acme-prod', 'production'],
    ['Production', 'production'],
    ['payments-prd', 'production'],
    ['本番環境', 'production'],
    ['acme-stg', 'staging'],
    ['uat-web', 'staging'],
    ['acme-dev', 'development'],
    ['development', 'development'],
    ['sandbox-alice', 'sandbox'],
    ['log-archive', 'other'],
    ['security', 'other'],
    ['product-catalog', 'other'],
    ['devops-tools', 'other'],
  ])('%s → %s', (name, env) => {
    expect(classifyAccount(acct(name))).toBe(env);
  });

  it('falls back to the e-mail address', () => {
    expect(classifyAccount(acct('payments', 'aws+payments-prod@example.com'))).toBe('production');
  });

  it('lets user rules win, including regex rules', () => {
    expect(classifyAccount(acct('acme-prod'), [{ match: 'acme-prod', environment: 'sandbox' }])).toBe('sandbox');
    expect(classifyAccount(acct('core-01'), [{ match: '/^core-\\d+/', environment: 'production' }])).toBe('production');
    expect(classifyAccount(acct('core-01'), [{ match: '/(/', environment: 'production' }])).toBe('other');
  });
});
