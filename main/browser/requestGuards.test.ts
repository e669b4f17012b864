import { describe, expect, it } from 'vitest';
import { hostAllowed, hostIdentity, originAllowed, readCookie } from './requestGuards';
import { secretMatches, newLaunchSecret } from './secret';
import { resolveInside } from './staticFiles';
import { browserModeCsp } from './securityHeaders';

describe('request guards', () => {
  const id = hostIdentity('127.0.0.1', 5123);

  it('accepts only the loopback address (or localhost) with our port as Host', () => {
    expect(hostAllowed('127.0.0.1:5123', id)).toBe(true);
    expect(hostAllowed('LOCALHOST:5123', id)).toBe(true);
    for (const bad of [undefined, '', 'attacker.example', 'attacker.example:5123', '127.0.0.1', '127.0.0.1:5124', '127.0.0.2:5123', '[::1]:5123']) {
      expect(hostAllowed(bad, id), String(bad)).toBe(false);
    }
    expect(hostAllowed('[::1]:80', hostIdentity('::1', 80))).toBe(true);
  });

  it('accepts only our own origin, never a missing or opaque one', () => {
    expect(originAllowed('http://127.0.0.1:5123', id)).toBe(true);
    for (const bad of [undefined, 'null', 'http://evil.example', 'https://127.0.0.1:5123', 'http://127.0.0.1:5124', 'http://127.0.0.1:5123.evil.example']) {
      expect(originAllowed(bad, id), String(bad)).toBe(false);
    }
  });

  it('reads one cookie among many and ignores malformed parts', () => {
    expect(readCookie('a=1; fumidai_key_1=abc; b', 'fumidai_key_1')).toBe('abc');
    expect(readCookie('fumidai_key_10=x', 'fumidai_key_1')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
    expect(readCookie(`x=${'a'.repeat(9000)}`, 'x')).toBeUndefined();
  });

  it('compares secrets in constant time over any length, and makes 256-bit ones', () => {
    const s = newLaunchSecret();
    expect(secretMatches(s, s)).toBe(true);
    expect(secretMatches(`${s}x`, s)).toBe(false);
    expect(secretMatches('', s)).toBe(false);
    expect(secretMatches(undefined, s)).toBe(false);
    expect(secretMatches('', '')).toBe(false);
    expect(newLaunchSecret()).not.toBe(s);
  });
});

describe('static path resolution', () => {
  const root = '/srv/ui';
  it('maps app paths inside the build', () => {
    expect(resolveInside(root, '/')).toBe('/srv/ui/index.html');
    expect(resolveInside(root, '/assets/a%20b.js')).toBe('/srv/ui/assets/a b.js');
  });
  it('refuses every way out of it', () => {
    for (const p of ['/..', '/../etc/passwd', '/%2e%2e/x', '/a/../../x', '/..%2f..%2fx', '/a\\..\\..\\x', '/%5c..%5cx', '/x%00.js', '/%E0%A4%A']) {
      expect(resolveInside(root, p), p).toBeUndefined();
    }
  });
});

describe('browser-mode CSP', () => {
  it('allows only our own scripts and socket, and no framing', () => {
    const csp = browserModeCsp('http://127.0.0.1:5123');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5123");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
  });
});
