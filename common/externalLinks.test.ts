import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from './externalLinks';

describe('checkExternalUrl', () => {
  it.each([
    'https://d-1234567890.awsapps.com/start',
    'https://signin.aws.amazon.com/federation?Action=login',
    'https://docs.aws.amazon.com/systems-manager/',
    'http://127.0.0.1:4566/device?user_code=ABCD-EFGH',
    'https://sso.example.co.jp/start',
  ])('allows %s', (url) => {
    expect(checkExternalUrl(url, ['sso.example.co.jp']).allowed).toBe(true);
  });

  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['file:///etc/passwd', 'file'],
    ['http://evil.example/', 'https'],
    ['https://evil.example/', 'not on the list'],
    ['https://awsapps.com.evil.example/', 'not on the list'],
    ['https://user:pw@d-1.awsapps.com/', 'credentials'],
    ['not a url', 'valid'],
  ])('rejects %s', (url, reason) => {
    const verdict = checkExternalUrl(url);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toContain(reason);
  });
});
