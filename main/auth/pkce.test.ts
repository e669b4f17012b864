import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, codeChallengeFor, createCodeVerifier, startLoopbackCallback } from './pkce';

describe('PKCE helpers', () => {
  it('makes 64-character verifiers from the RFC 7636 alphabet', () => {
    const v = createCodeVerifier();
    expect(v).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(createCodeVerifier()).not.toBe(v);
  });

  it('computes the S256 challenge without padding (RFC 7636 appendix B)', () => {
    expect(codeChallengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('builds the authorize URL the way the CLI does', () => {
    const url = buildAuthorizeUrl({
      oidcEndpoint: 'https://oidc.us-east-1.amazonaws.com',
      clientId: 'cid',
      redirectUri: 'http://127.0.0.1:5000/oauth/callback',
      state: 's-1',
      codeChallenge: 'abc',
      scopes: ['sso:account:access'],
    });
    expect(url).toBe(
      'https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=cid&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Foauth%2Fcallback&state=s-1&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=abc',
    );
  });
});

describe('startLoopbackCallback', () => {
  it('ignores a callback with a foreign state and resolves with the right one', async () => {
    const cb = await startLoopbackCallback();
    const bad = await fetch(`${cb.redirectUri}?code=evil&state=other`);
    expect(bad.status).toBe(400);
    const good = await fetch(`${cb.redirectUri}?code=the-code&state=${cb.state}`);
    expect(good.status).toBe(200);
    await expect(cb.code).resolves.toBe('the-code');
  });

  it('reports a denial from the authorization page', async () => {
    const cb = await startLoopbackCallback();
    await fetch(`${cb.redirectUri}?error=access_denied&error_description=User+denied&state=${cb.state}`);
    await expect(cb.code).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('times out and can be cancelled', async () => {
    const slow = await startLoopbackCallback({ timeoutMs: 50 });
    await expect(slow.code).rejects.toMatchObject({ code: 'Timeout' });
    const ac = new AbortController();
    const cancelled = await startLoopbackCallback({ signal: ac.signal });
    ac.abort();
    await expect(cancelled.code).rejects.toMatchObject({ code: 'Cancelled' });
    await expect(fetch(cancelled.redirectUri)).rejects.toThrow(); // port released
  });
});
