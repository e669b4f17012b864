import { describe, expect, it, vi } from 'vitest';
import { AuthService, REFRESH_WINDOW_MS } from './authService';
import { FumidaiError } from '../../common/api/errors';
import { OidcPollError, type ClientRegistration, type OidcApi } from './oidc';
import type { PortalApi, SessionSource, SsoSessionConfig, StoredToken, TokenStore } from './ports';
import { configProblem } from '../../common/configProblems';

const SESSION: SsoSessionConfig = { name: 'acme', startUrl: 'https://d-123.awsapps.com/start', region: 'ap-northeast-1', scopes: ['sso:account:access'], source: 'sso-session' };
const LEGACY: SsoSessionConfig = { name: 'old', startUrl: 'https://d-123.awsapps.com/start', region: 'ap-northeast-1', scopes: [], source: 'legacy-profile', legacyProfile: 'old' };

function harness(opts: { pollResults?: Array<'pending' | 'slow-down' | 'ok'> } = {}) {
  let now = 1_000_000;
  const tokens = new Map<string, StoredToken>();
  const registrations = new Map<string, ClientRegistration>();
  const store: TokenStore = {
    read: async (s) => tokens.get(s.name),
    write: async (s, t) => void tokens.set(s.name, t),
    remove: async (s) => void tokens.delete(s.name),
    readRegistration: async (s, k) => registrations.get(`${s.name}/${k}`),
    writeRegistration: async (s, k, r) => void registrations.set(`${s.name}/${k}`, r),
  };
  const source: SessionSource = { list: async () => ({ sessions: [SESSION, LEGACY], problems: [configProblem('config', 3, 'expected-key-value')] }), add: async () => SESSION };
  const polls = [...(opts.pollResults ?? ['pending', 'slow-down', 'ok'])];
  let tokenCounter = 0;
  const grant = (refreshToken = `rt-${tokenCounter}`) => ({ accessToken: `at-${++tokenCounter}`, expiresAt: now + 3600_000, refreshToken });
  const oidc: OidcApi = {
    registerClient: vi.fn(async ({ scopes }) => ({ clientId: 'cid', clientSecret: 'secret', expiresAt: now + 90 * 86400_000, scopes })),
    startDeviceAuthorization: vi.fn(async () => ({
      deviceCode: 'dc',
      userCode: 'ABCD-EFGH',
      verificationUri: 'https://device.sso/',
      verificationUriComplete: 'https://device.sso/?user_code=ABCD-EFGH',
      expiresAt: now + 600_000,
      intervalSeconds: 1,
    })),
    createTokenFromDeviceCode: vi.fn(async () => {
      const next = polls.shift() ?? 'pending';
      if (next === 'ok') return grant();
      throw new OidcPollError(next);
    }),
    createTokenFromCode: vi.fn(async (_reg, { code }) => {
      expect(code).toBe('the-code');
      return grant();
    }),
    refresh: vi.fn(async () => grant()),
  };
  const portal = { logout: vi.fn(async () => {}) } as unknown as PortalApi;
  const sleeps: number[] = [];
  const openBrowser = vi.fn(async (url: string) => {
    if (url.includes('/authorize?')) {
      const u = new URL(url);
      const redirect = u.searchParams.get('redirect_uri')!;
      await fetch(`${redirect}?code=the-code&state=${u.searchParams.get('state')}`);
    }
  });
  const service = new AuthService({
    sessions: source,
    tokens: store,
    oidc: () => oidc,
    portal: () => portal,
    oidcEndpoint: (r) => `https://oidc.${r}.amazonaws.com`,
    openBrowser,
    now: () => now,
    sleep: async (ms, signal) => {
      await Promise.resolve();
      if (signal.aborted) throw new FumidaiError('Cancelled', 'Sign-in cancelled.');
      sleeps.push(ms);
      now += ms;
    },
  });
  return { service, tokens, oidc, portal, openBrowser, sleeps, advance: (ms: number) => (now += ms), now: () => now };
}

describe('AuthService', () => {
  it('lists sessions from the config with their problems', async () => {
    const { service } = harness();
    const snap = await service.reload();
    expect(snap.sessions.map((s) => [s.id, s.state])).toEqual([
      ['acme', 'signed-out'],
      ['profile:old', 'signed-out'],
    ]);
    expect(snap.configProblems).toEqual([{ path: 'config', line: 3, code: 'expected-key-value', params: {}, message: 'config line 3: expected "key = value"' }]);
  });

  it('signs in with the device flow: immediate poll, pending, slow_down adds 5 s, then stores the token', async () => {
    const { service, tokens, sleeps, openBrowser } = harness({ pollResults: ['pending', 'pending', 'slow-down', 'ok'] });
    await service.reload();
    const started = await service.signIn('acme', 'device');
    expect(started.state).toBe('signing-in');
    expect(started.pending).toMatchObject({ flow: 'device', userCode: 'ABCD-EFGH' });
    const done = await service.waitForSignIn('acme');
    expect(done.state).toBe('signed-in');
    expect(sleeps).toEqual([1000, 1000, 6000]);
    expect(tokens.get('acme')).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-0', clientId: 'cid', startUrl: SESSION.startUrl, region: 'ap-northeast-1' });
    expect(openBrowser).toHaveBeenCalledWith('https://device.sso/?user_code=ABCD-EFGH');
  });

  it('signs in with PKCE through the loopback callback', async () => {
    const { service, oidc } = harness();
    await service.reload();
    await service.signIn('acme');
    const done = await service.waitForSignIn('acme');
    expect(done.state).toBe('signed-in');
    expect(oidc.registerClient).toHaveBeenCalledWith(expect.objectContaining({ pkce: { issuerUrl: SESSION.startUrl } }));
    const call = vi.mocked(oidc.createTokenFromCode).mock.calls[0]![1];
    expect(call.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(call.codeVerifier).toHaveLength(64);
  });

  it('uses the device flow for legacy profiles and runs one sign-in per session at a time', async () => {
    const { service, oidc } = harness({ pollResults: ['pending', 'ok'] });
    await service.reload();
    const [a, b] = await Promise.all([service.signIn('profile:old', 'pkce'), service.signIn('profile:old')]);
    expect(a.pending?.flow).toBe('device');
    expect(b.pending?.flow).toBe('device');
    await service.waitForSignIn('profile:old');
    expect(oidc.startDeviceAuthorization).toHaveBeenCalledTimes(1);
  });

  it('cancels a pending sign-in', async () => {
    const { service } = harness({ pollResults: [] });
    await service.reload();
    await service.signIn('acme', 'device');
    service.cancelSignIn('acme');
    await expect(service.waitForSignIn('acme')).rejects.toMatchObject({ code: 'Cancelled' });
    expect(service.summary('acme').state).toBe('signed-out');
  });

  it('refreshes before expiry, never twice at once', async () => {
    const { service, oidc, advance } = harness({ pollResults: ['ok'] });
    await service.reload();
    await service.signIn('acme', 'device');
    await service.waitForSignIn('acme');
    advance(3600_000 - REFRESH_WINDOW_MS + 1000);
    const [t1, t2] = await Promise.all([service.accessToken('acme'), service.accessToken('acme')]);
    expect(oidc.refresh).toHaveBeenCalledTimes(1);
    expect(t1).toBe('at-2');
    expect(t2).toBe('at-2');
  });

  it('ends in "sign in again" when the refresh token is refused', async () => {
    const { service, oidc, advance } = harness({ pollResults: ['ok'] });
    await service.reload();
    await service.signIn('acme', 'device');
    await service.waitForSignIn('acme');
    vi.mocked(oidc.refresh).mockRejectedValueOnce(new FumidaiError('SsoExpired', 'session ended'));
    advance(3600_000 - 60_000);
    expect(await service.accessToken('acme')).toBe('at-1'); // still valid for a minute
    expect(service.summary('acme')).toMatchObject({ state: 'signed-in', canRefresh: false, error: { code: 'SsoExpired' } });
    advance(120_000);
    await expect(service.accessToken('acme')).rejects.toMatchObject({ code: 'SsoExpired' });
    expect(service.summary('acme').state).toBe('expired');
  });

  it('signs out: calls Logout, removes the cached token, tells listeners', async () => {
    const { service, portal, tokens } = harness({ pollResults: ['ok'] });
    await service.reload();
    await service.signIn('acme', 'device');
    await service.waitForSignIn('acme');
    const signedOut: string[] = [];
    service.onDidSignOut((id) => signedOut.push(id));
    const after = await service.signOut('acme');
    expect(portal.logout).toHaveBeenCalledWith('at-1');
    expect(tokens.has('acme')).toBe(false);
    expect(after.state).toBe('signed-out');
    expect(signedOut).toEqual(['acme']);
  });

  it('gives a clear error for an unknown session', async () => {
    const { service } = harness();
    await service.reload();
    await expect(service.signIn('nope')).rejects.toMatchObject({ code: 'NotFound' });
  });
});
