// TOTP (RFC 6238) over HOTP (RFC 4226), as Google Authenticator and its PAM module compute it:
// HMAC-SHA-1, 30-second steps, 6 digits, base32 secrets. The emulator's bastions check codes with
// it against the emulator clock, and tests (and the product's tests) generate codes with it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TotpOptions {
  /** Step length in seconds (30 for Google Authenticator). */
  stepSeconds?: number;
  digits?: number;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32, forgiving of case, spaces and padding as authenticator apps are. */
export function decodeBase32(text: string): Buffer {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (clean.length === 0) throw new Error('TOTP secret is empty');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32_ALPHABET.indexOf(ch);
    if (index < 0) throw new Error(`TOTP secret is not base32: unexpected character ${JSON.stringify(ch)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function encodeBase32(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** RFC 4226 HOTP for a raw key and counter. */
export function hotp(key: Buffer, counter: number, digits = 6, algorithm: TotpOptions['algorithm'] = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac.readUInt8(mac.length - 1) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function counterAt(atMs: number, stepSeconds: number): number {
  return Math.floor(atMs / 1000 / stepSeconds);
}

/** The code a user's authenticator shows at `atMs` for a base32 secret. */
export function totpCode(secretBase32: string, atMs: number, options: TotpOptions = {}): string {
  const { stepSeconds = 30, digits = 6, algorithm = 'sha1' } = options;
  return hotp(decodeBase32(secretBase32), counterAt(atMs, stepSeconds), digits, algorithm);
}

/**
 * Checks a code typed at `atMs`, accepting the previous and next step too (clock drift between the
 * user's phone and the server, and a code typed just as it rolled over), like pam_google_authenticator's
 * default window.
 */
export function verifyTotp(secretBase32: string, code: string, atMs: number, options: TotpOptions & { window?: number } = {}): boolean {
  const { stepSeconds = 30, digits = 6, algorithm = 'sha1', window = 1 } = options;
  const typed = code.trim();
  if (!new RegExp(`^\\d{${digits}}$`).test(typed)) return false;
  const key = decodeBase32(secretBase32);
  const now = counterAt(atMs, stepSeconds);
  let match = false;
  for (let delta = -window; delta <= window; delta++) {
    const expected = hotp(key, now + delta, digits, algorithm);
    // Compare every candidate in constant time; never stop early on a match.
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(typed))) match = true;
  }
  return match;
}
