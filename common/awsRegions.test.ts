import { describe, expect, it } from 'vitest';
import { IDENTITY_CENTER_REGIONS, suggestSessionName } from './awsRegions';

describe('suggestSessionName', () => {
  it.each([
    ['https://my-company.awsapps.com/start', 'my-company'],
    ['d-1234567890.awsapps.com/start', 'd-1234567890'],
    ['https://sso.Example.COM/start', 'sso'],
    ['  https://x_y!z.awsapps.com/start ', 'x_y-z'],
    ['', ''],
    ['https://', ''],
  ])('%s → %s', (url, name) => {
    expect(suggestSessionName(url)).toBe(name);
  });

  it('always yields a name the session form accepts', () => {
    for (const url of ['https://Ünïcode.awsapps.com/start', `https://${'a'.repeat(63)}.awsapps.com/start`, 'https://-lead.example.com']) {
      expect(suggestSessionName(url)).toMatch(/^[A-Za-z0-9._-]{0,64}$/);
    }
  });
});

describe('IDENTITY_CENTER_REGIONS', () => {
  it('holds well-formed, unique region names', () => {
    expect(new Set(IDENTITY_CENTER_REGIONS).size).toBe(IDENTITY_CENTER_REGIONS.length);
    for (const r of IDENTITY_CENTER_REGIONS) expect(r).toMatch(/^[a-z]{2}(-gov)?-[a-z]+-\d$/);
  });
});
