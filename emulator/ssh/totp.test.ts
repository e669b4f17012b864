import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, hotp, totpCode, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8 digits.
const RFC_SECRET = encodeBase32(Buffer.from('12345678901234567890'));
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it.each(RFC_VECTORS)('matches RFC 6238 SHA-1 vector at T=%i', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(expected);
  });

  it('matches RFC 4226 HOTP vectors (6 digits)', () => {
    const key = Buffer.from('12345678901234567890');
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(key, counter))).toEqual(expected);
  });

  it('round-trips base32 and forgives case, spaces and padding', () => {
    expect(encodeBase32(Buffer.from('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(decodeBase32('gezd gnbv gy3t qojq gezd gnbv gy3t qojq====').toString()).toBe('12345678901234567890');
    expect(() => decodeBase32('not*base32')).toThrow(/not base32/);
  });

  it('accepts one step of drift either way and nothing further', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    const at = 1_700_000_000_000;
    expect(verifyTotp(secret, totpCode(secret, at), at)).toBe(true);
    expect(verifyTotp(secret, totpCode(secret, at - 30_000), at)).toBe(true);
    expect(verifyTotp(secret, totpCode(secret, at + 30_000), at)).toBe(true);
    expect(verifyTotp(secret, totpCode(secret, at - 90_000), at)).toBe(false);
    expect(verifyTotp(secret, totpCode(secret, at + 90_000), at)).toBe(false);
    expect(verifyTotp(secret, '12345', at)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', at)).toBe(false);
  });
});
