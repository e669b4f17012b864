// IAM Identity Center OIDC (restJson1, no SigV4): RegisterClient, StartDeviceAuthorization,
// CreateToken with the device-code, refresh-token and authorization-code (PKCE S256) grants,
// plus the pages a person uses to approve a device code or sign in for PKCE.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, sendHtml, sendJson } from '../http/respond';
import { ACCESS_TOKEN_TTL_S, SESSION_TTL_MS, type World } from '../world';
import { approvalPage, authorizePage, resultPage } from './pages';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const oauthError = (status: number, code: string, error: string, description: string) => new ApiError(status, code, description, { error, error_description: description });

function str(body: Record<string, unknown>, key: string, required = true): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw oauthError(400, 'InvalidRequestException', 'invalid_request', `${key} is required`);
    return undefined;
  }
  if (typeof v !== 'string') throw oauthError(400, 'InvalidRequestException', 'invalid_request', `${key} must be a string`);
  return v;
}

/** RFC 8252 §7.3: loopback redirect URIs match whatever the port. */
export function redirectMatches(registered: string, used: string): boolean {
  try {
    const a = new URL(registered);
    const b = new URL(used);
    const loopback = (h: string) => h === '127.0.0.1' || h === 'localhost' || h === '[::1]';
    if (loopback(a.hostname) && loopback(b.hostname)) return a.protocol === b.protocol && a.hostname === b.hostname && a.pathname === b.pathname;
    return a.href === b.href;
  } catch {
    return false;
  }
}

function userCode(): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWXZ';
  const pick = () => alphabet[Math.floor(Math.random() * alphabet.length)];
  return `${Array.from({ length: 4 }, pick).join('')}-${Array.from({ length: 4 }, pick).join('')}`;
}

export class OidcService {
  constructor(
    private readonly world: World,
    private readonly baseUrl: () => string,
  ) {}

  private client(body: Record<string, unknown>) {
    const clientId = str(body, 'clientId')!;
    const secret = str(body, 'clientSecret')!;
    const c = this.world.clients.get(clientId);
    if (!c || c.clientSecret.length !== secret.length || !timingSafeEqual(Buffer.from(c.clientSecret), Buffer.from(secret))) {
      throw oauthError(401, 'InvalidClientException', 'invalid_client', 'Invalid client');
    }
    if (c.expiresAt <= this.world.clock.now()) throw oauthError(401, 'InvalidClientException', 'invalid_client', 'Client registration has expired');
    return c;
  }

  register(body: Record<string, unknown>) {
    const clientName = str(body, 'clientName')!;
    const clientType = str(body, 'clientType')!;
    if (clientType !== 'public') throw oauthError(400, 'InvalidClientMetadataException', 'invalid_client_metadata', 'clientType must be public');
    const grantTypes = Array.isArray(body.grantTypes) ? (body.grantTypes as string[]) : [];
    for (const g of grantTypes) if (!['authorization_code', 'refresh_token', DEVICE_GRANT].includes(g)) throw oauthError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type ${g}`);
    const redirectUris = Array.isArray(body.redirectUris) ? (body.redirectUris as string[]) : [];
    if (grantTypes.includes('authorization_code') && redirectUris.length === 0) throw oauthError(400, 'InvalidRedirectUriException', 'invalid_redirect_uri', 'redirectUris are required for authorization_code');
    for (const u of redirectUris) {
      try {
        const url = new URL(u);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
      } catch {
        throw oauthError(400, 'InvalidRedirectUriException', 'invalid_redirect_uri', `Invalid redirect URI ${u}`);
      }
    }
    const now = this.world.clock.now();
    const issuedAt = Math.floor(now / 1000);
    const client = {
      clientId: this.world.newId('', 24),
      clientSecret: this.world.newId('', 48),
      clientName,
      expiresAt: (issuedAt + 90 * 86400) * 1000,
      scopes: Array.isArray(body.scopes) ? (body.scopes as string[]) : [],
      grantTypes,
      redirectUris,
      issuerUrl: typeof body.issuerUrl === 'string' ? body.issuerUrl : undefined,
    };
    this.world.clients.set(client.clientId, client);
    return {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      clientIdIssuedAt: issuedAt,
      clientSecretExpiresAt: issuedAt + 90 * 86400,
      ...(grantTypes.includes('authorization_code') ? { authorizationEndpoint: `${this.baseUrl()}/authorize`, tokenEndpoint: `${this.baseUrl()}/token` } : {}),
    };
  }

  startDevice(body: Record<string, unknown>) {
    const client = this.client(body);
    const startUrl = str(body, 'startUrl')!;
    if (startUrl.replace(/\/$/, '') !== this.world.fixture.organization.startUrl.replace(/\/$/, '')) {
      throw oauthError(400, 'InvalidRequestException', 'invalid_request', `Unknown start URL ${startUrl}`);
    }
    const auth = { deviceCode: this.world.newId('', 48), userCode: userCode(), clientId: client.clientId, expiresAt: this.world.clock.now() + 600_000, interval: 1, status: 'pending' as const };
    this.world.devices.set(auth.deviceCode, auth);
    const verificationUri = `${this.baseUrl()}/device`;
    return { deviceCode: auth.deviceCode, userCode: auth.userCode, verificationUri, verificationUriComplete: `${verificationUri}?user_code=${auth.userCode}`, expiresIn: 600, interval: auth.interval };
  }

  createToken(body: Record<string, unknown>) {
    const client = this.client(body);
    const grantType = str(body, 'grantType')!;
    const now = this.world.clock.now();
    let user: string;
    let sessionEndsAt: number;
    if (grantType === DEVICE_GRANT) {
      const auth = this.world.devices.get(str(body, 'deviceCode')!);
      if (!auth || auth.clientId !== client.clientId) throw oauthError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid device code');
      if (auth.expiresAt <= now) throw oauthError(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
      if (auth.status === 'denied') throw oauthError(400, 'AccessDeniedException', 'access_denied', 'Authorization was denied');
      if (auth.status === 'pending') {
        // Polling faster than the interval earns slow_down, as RFC 8628 says.
        const tooFast = auth.lastPollAt !== undefined && now - auth.lastPollAt < auth.interval * 1000 - 250;
        auth.lastPollAt = now;
        if (tooFast) throw oauthError(400, 'SlowDownException', 'slow_down', 'Client is polling too quickly');
        throw oauthError(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
      }
      this.world.devices.delete(auth.deviceCode);
      user = auth.user!;
      sessionEndsAt = now + SESSION_TTL_MS;
    } else if (grantType === 'authorization_code') {
      if (!client.grantTypes.includes('authorization_code')) throw oauthError(400, 'UnauthorizedClientException', 'unauthorized_client', 'Client is not registered for authorization_code');
      const code = this.world.authCodes.get(str(body, 'code')!);
      if (!code || code.used || code.expiresAt <= now || code.clientId !== client.clientId) throw oauthError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid authorization code');
      code.used = true;
      const redirectUri = str(body, 'redirectUri')!;
      if (redirectUri !== code.redirectUri) throw oauthError(400, 'InvalidGrantException', 'invalid_grant', 'redirectUri does not match the authorization request');
      const verifier = str(body, 'codeVerifier')!;
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== code.challenge) throw oauthError(400, 'InvalidGrantException', 'invalid_grant', 'Code verifier does not match the code challenge');
      user = code.user;
      sessionEndsAt = now + SESSION_TTL_MS;
    } else if (grantType === 'refresh_token') {
      const rt = str(body, 'refreshToken')!;
      const entry = this.world.refreshTokens.get(rt);
      if (!entry || entry.used || entry.clientId !== client.clientId) throw oauthError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token');
      if (entry.sessionEndsAt <= now) throw oauthError(400, 'InvalidGrantException', 'invalid_grant', 'The session has ended');
      entry.used = true; // refresh tokens rotate
      user = entry.user;
      sessionEndsAt = entry.sessionEndsAt;
    } else {
      throw oauthError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type ${grantType}`);
    }
    const accessToken = this.world.newId('aoa', 48);
    const refreshToken = this.world.newId('aor', 48);
    const expiresAt = Math.min(now + ACCESS_TOKEN_TTL_S * 1000, sessionEndsAt);
    this.world.accessTokens.set(accessToken, { token: accessToken, user, clientId: client.clientId, expiresAt, sessionEndsAt, revoked: false });
    this.world.refreshTokens.set(refreshToken, { user, clientId: client.clientId, sessionEndsAt, used: false });
    if (grantType !== 'refresh_token') {
      this.world.record({ eventName: 'CreateToken', eventSource: 'sso-oauth.amazonaws.com', username: user, accountId: '', region: this.world.fixture.organization.ssoRegion, resources: [], requestParameters: { grantType, clientId: client.clientId }, responseElements: null });
    }
    return { accessToken, tokenType: 'Bearer', expiresIn: Math.round((expiresAt - now) / 1000), refreshToken };
  }

  // ---- pages -------------------------------------------------------------------------------

  devicePage(res: ServerResponse, url: URL): void {
    sendHtml(res, 200, approvalPage(url.searchParams.get('user_code') ?? '', this.world.fixture.organization.name));
  }

  deviceSubmit(res: ServerResponse, form: URLSearchParams): void {
    const code = (form.get('user_code') ?? '').trim().toUpperCase();
    const auth = [...this.world.devices.values()].find((d) => d.userCode === code);
    if (!auth || auth.expiresAt <= this.world.clock.now()) return sendHtml(res, 400, resultPage('Code not recognised', 'That code is unknown or has expired. Start the sign-in again.'));
    const user = this.checkUser(form);
    if (!user) return sendHtml(res, 401, approvalPage(code, this.world.fixture.organization.name, 'Incorrect user name or password.'));
    if (form.get('decision') === 'deny') {
      auth.status = 'denied';
      return sendHtml(res, 200, resultPage('Request denied', 'The application was not given access. You can close this window.'));
    }
    auth.status = 'approved';
    auth.user = user;
    this.world.record({ eventName: 'Authenticate', eventSource: 'signin.amazonaws.com', username: user, accountId: '', region: this.world.fixture.organization.ssoRegion, resources: [], requestParameters: { method: 'device' }, responseElements: { status: 'Success' } });
    sendHtml(res, 200, resultPage('Request approved', 'You can close this window and return to the application.'));
  }

  authorizePage(res: ServerResponse, url: URL): void {
    const p = this.authorizeParams(url.searchParams);
    if ('error' in p) return sendHtml(res, 400, resultPage('Invalid sign-in request', p.error));
    sendHtml(res, 200, authorizePage(Object.fromEntries(url.searchParams), this.world.fixture.organization.name));
  }

  authorizeSubmit(res: ServerResponse, form: URLSearchParams): void {
    const p = this.authorizeParams(form);
    if ('error' in p) return sendHtml(res, 400, resultPage('Invalid sign-in request', p.error));
    const back = new URL(p.redirectUri);
    back.searchParams.set('state', p.state);
    if (form.get('decision') === 'deny') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied the request');
    } else {
      const user = this.checkUser(form);
      if (!user) return sendHtml(res, 401, authorizePage(Object.fromEntries(form), this.world.fixture.organization.name, 'Incorrect user name or password.'));
      const code = this.world.newId('', 32);
      this.world.authCodes.set(code, { code, clientId: p.clientId, redirectUri: p.redirectUri, challenge: p.challenge, user, expiresAt: this.world.clock.now() + 300_000, used: false });
      back.searchParams.set('code', code);
      this.world.record({ eventName: 'Authenticate', eventSource: 'signin.amazonaws.com', username: user, accountId: '', region: this.world.fixture.organization.ssoRegion, resources: [], requestParameters: { method: 'pkce' }, responseElements: { status: 'Success' } });
    }
    res.writeHead(302, { location: back.href, 'cache-control': 'no-store' }).end();
  }

  private authorizeParams(q: URLSearchParams): { clientId: string; redirectUri: string; state: string; challenge: string } | { error: string } {
    const clientId = q.get('client_id') ?? '';
    const client = this.world.clients.get(clientId);
    if (!client) return { error: 'Unknown client_id.' };
    if (q.get('response_type') !== 'code') return { error: 'response_type must be code.' };
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return { error: 'PKCE with S256 is required.' };
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!client.redirectUris.some((r) => redirectMatches(r, redirectUri))) return { error: 'redirect_uri is not registered for this client.' };
    const state = q.get('state');
    if (!state) return { error: 'state is required.' };
    return { clientId, redirectUri, state, challenge: q.get('code_challenge')! };
  }

  private checkUser(form: URLSearchParams): string | undefined {
    const u = this.world.user(form.get('username') ?? '');
    return u && u.password === form.get('password') ? u.username : undefined;
  }
}

export function readForm(req: IncomingMessage, body: Buffer): URLSearchParams {
  void req;
  return new URLSearchParams(body.toString('utf8'));
}

export { sendJson };
