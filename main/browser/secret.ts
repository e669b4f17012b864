// The per-launch secret that makes the browser-mode URL a capability: whoever can open the URL
// Fumidai printed may use the app; a web page or another local program that merely knows the port
// may not.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe. New on every launch, never written to disk or logs. */
export function newLaunchSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so the comparison always runs over 32
 * bytes: timingSafeEqual needs equal lengths, and an early length check would leak the length.
 */
export function secretMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || expected.length === 0) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
