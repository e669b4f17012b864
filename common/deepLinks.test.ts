import { describe, expect, it } from 'vitest';
import { DEEP_LINK_MAX_LENGTH, parseDeepLink } from './deepLinks';

describe('parseDeepLink', () => {
  it('accepts connect with and without a region, and login', () => {
    expect(parseDeepLink('fumidai://connect?account=123456789012&instance=i-0abc12345def67890')).toEqual({
      ok: true,
      link: { action: 'connect', account: '123456789012', instance: 'i-0abc12345def67890' },
    });
    expect(parseDeepLink('fumidai://connect?instance=i-0abc1234&account=123456789012&region=ap-northeast-1')).toEqual({
      ok: true,
      link: { action: 'connect', account: '123456789012', instance: 'i-0abc1234', region: 'ap-northeast-1' },
    });
    expect(parseDeepLink('fumidai://login?session=corp-sso')).toEqual({ ok: true, link: { action: 'login', session: 'corp-sso' } });
  });

  it.each([
    ['unknown action', 'fumidai://delete?account=123456789012', /unknown action/],
    ['other scheme', 'https://connect?account=123456789012&instance=i-0abc1234', /must look like/],
    ['credentials', 'fumidai://user:pw@connect?account=123456789012&instance=i-0abc1234', /must look like/],
    ['port', 'fumidai://connect:22?account=123456789012&instance=i-0abc1234', /must look like/],
    ['path', 'fumidai://connect/../x?account=123456789012&instance=i-0abc1234', /must look like/],
    ['fragment', 'fumidai://login?session=a#x', /must look like/],
    ['uppercase host', 'fumidai://CONNECT?account=123456789012&instance=i-0abc1234', /must look like/],
    ['short account', 'fumidai://connect?account=12345&instance=i-0abc1234', /"account" has an invalid value/],
    ['bad instance', 'fumidai://connect?account=123456789012&instance=i-XYZ', /"instance" has an invalid value/],
    ['bad region', 'fumidai://connect?account=123456789012&instance=i-0abc1234&region=mars', /"region"/],
    ['duplicate', 'fumidai://connect?account=123456789012&account=123456789012&instance=i-0abc1234', /more than once/],
    ['unknown param', 'fumidai://connect?account=123456789012&instance=i-0abc1234&cmd=rm', /unknown parameter "cmd"/],
    ['missing param', 'fumidai://connect?account=123456789012', /missing parameter "instance"/],
    ['no name', 'fumidai://login?=x', /malformed parameter/],
    ['shell injection', 'fumidai://login?session=a%3Brm%20-rf', /"session" has an invalid value/],
    ['encoded newline', 'fumidai://login?session=a%0Ab', /"session" has an invalid value/],
    ['raw whitespace', 'fumidai://login?session=a b', /whitespace/],
    ['bad percent', 'fumidai://login?session=%E0%A4%A', /percent-encoding/],
    ['proto key', 'fumidai://login?__proto__=x', /unknown parameter/],
    ['proto action', 'fumidai://constructor?session=x', /unknown action/],
  ])('rejects %s with a reason', (_name, url, reason) => {
    const result = parseDeepLink(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('rejects an oversized link before parsing it', () => {
    const result = parseDeepLink(`fumidai://login?session=a&${'x'.repeat(DEEP_LINK_MAX_LENGTH)}`);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/longer than/) });
  });
});
