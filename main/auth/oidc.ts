// IAM Identity Center OIDC calls through the AWS SDK, with the service's errors turned into
// Fumidai's stable codes and messages a person can act on.
import {
  SSOOIDCClient,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
  CreateTokenCommand,
  type CreateTokenCommandOutput,
} from '@aws-sdk/client-sso-oidc';
import { FumidaiError } from '../../common/api/errors';
import { sdkUserAgent } from '../aws/deviceAgent';

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  /** epoch ms */
  expiresAt: number;
  scopes: string[];
  grantTypes?: string[];
}

export interface TokenGrant {
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
  refreshToken?: string;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  /** epoch ms */
  expiresAt: number;
  intervalSeconds: number;
}

export const PKCE_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
export const DEFAULT_SCOPES = ['sso:account:access'];

/** The OIDC operations Fumidai uses; an interface so flows can be tested with a fake. */
export interface OidcApi {
  registerClient(input: { clientName: string; scopes: string[]; pkce?: { issuerUrl: string } }): Promise<ClientRegistration>;
  startDeviceAuthorization(reg: ClientRegistration, startUrl: string): Promise<DeviceAuthorization>;
  createTokenFromDeviceCode(reg: ClientRegistration, deviceCode: string): Promise<TokenGrant>;
  createTokenFromCode(reg: ClientRegistration, input: { code: string; redirectUri: string; codeVerifier: string }): Promise<TokenGrant>;
  refresh(reg: { clientId: string; clientSecret: string }, refreshToken: string): Promise<TokenGrant>;
}

/** OIDC errors that a polling loop reacts to rather than reports. */
export class OidcPollError extends Error {
  constructor(readonly kind: 'pending' | 'slow-down') {
    super(kind);
  }
}

export function createOidcApi(region: string, now: () => number = Date.now): OidcApi {
  // The SDK resolves AWS_ENDPOINT_URL(_SSO_OIDC) and config-file endpoints itself.
  const client = new SSOOIDCClient({ region, customUserAgent: sdkUserAgent() });
  const grant = (out: CreateTokenCommandOutput): TokenGrant => {
    if (!out.accessToken) throw new FumidaiError('Internal', 'IAM Identity Center returned no access token.');
    return { accessToken: out.accessToken, expiresAt: now() + (out.expiresIn ?? 3600) * 1000, refreshToken: out.refreshToken };
  };
  return {
    async registerClient({ clientName, scopes, pkce }) {
      const out = await call(() =>
        client.send(
          new RegisterClientCommand({
            clientName,
            clientType: 'public',
            scopes,
            ...(pkce ? { grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [PKCE_REDIRECT_URI], issuerUrl: pkce.issuerUrl } : {}),
          }),
        ),
      );
      if (!out.clientId || !out.clientSecret) throw new FumidaiError('Internal', 'IAM Identity Center did not register the client.');
      return {
        clientId: out.clientId,
        clientSecret: out.clientSecret,
        expiresAt: (out.clientSecretExpiresAt ?? Math.floor(now() / 1000) + 90 * 86400) * 1000,
        scopes,
        ...(pkce ? { grantTypes: ['authorization_code', 'refresh_token'] } : {}),
      };
    },
    async startDeviceAuthorization(reg, startUrl) {
      const out = await call(() => client.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl })));
      if (!out.deviceCode || !out.userCode || !out.verificationUri) throw new FumidaiError('Internal', 'IAM Identity Center returned an incomplete device authorization.');
      return {
        deviceCode: out.deviceCode,
        userCode: out.userCode,
        verificationUri: out.verificationUri,
        verificationUriComplete: out.verificationUriComplete ?? `${out.verificationUri}?user_code=${encodeURIComponent(out.userCode)}`,
        expiresAt: now() + (out.expiresIn ?? 600) * 1000,
        intervalSeconds: out.interval ?? 5,
      };
    },
    async createTokenFromDeviceCode(reg, deviceCode) {
      return grant(
        await call(() =>
          client.send(
            new CreateTokenCommand({
              clientId: reg.clientId,
              clientSecret: reg.clientSecret,
              grantType: 'urn:ietf:params:oauth:grant-type:device_code',
              deviceCode,
            }),
          ),
        ),
      );
    },
    async createTokenFromCode(reg, { code, redirectUri, codeVerifier }) {
      return grant(
        await call(() =>
          client.send(
            new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'authorization_code', code, redirectUri, codeVerifier }),
          ),
        ),
      );
    },
    async refresh(reg, refreshToken) {
      return grant(
        await call(() =>
          client.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'refresh_token', refreshToken })),
        ),
      );
    },
  };
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw translateOidcError(e);
  }
}

export function translateOidcError(e: unknown): Error {
  const name = (e as { name?: string }).name ?? '';
  const description = (e as { error_description?: string }).error_description;
  switch (name) {
    case 'AuthorizationPendingException':
      return new OidcPollError('pending');
    case 'SlowDownException':
      return new OidcPollError('slow-down');
    case 'ExpiredTokenException':
      return new FumidaiError('Timeout', 'The sign-in code expired before it was approved. Start the sign-in again.');
    case 'AccessDeniedException':
      return new FumidaiError('AccessDenied', 'The sign-in was denied in the browser.');
    case 'InvalidGrantException':
      return new FumidaiError('SsoExpired', `IAM Identity Center no longer accepts this sign-in${description ? ` (${description})` : ''}. Sign in again.`);
    case 'InvalidClientException':
    case 'UnauthorizedClientException':
      return new FumidaiError('SsoExpired', 'The app registration with IAM Identity Center is no longer valid. Sign in again.');
    case 'InvalidRequestException':
    case 'InvalidScopeException':
    case 'InvalidRedirectUriException':
    case 'InvalidClientMetadataException':
    case 'UnsupportedGrantTypeException':
      return new FumidaiError('InvalidConfig', `IAM Identity Center rejected the sign-in request (${name}${description ? `: ${description}` : ''}). Check the start URL and region.`);
    default:
      return networkOrInternal(e);
  }
}

export function networkOrInternal(e: unknown): Error {
  if (e instanceof FumidaiError) return e;
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = err.code ?? err.name ?? '';
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|TimeoutError|NetworkingError/.test(code) || /fetch failed|socket hang up/i.test(err.message ?? '')) {
    return new FumidaiError('Network', `Could not reach AWS (${err.message ?? code}). Check your network connection.`);
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded/.test(code)) return new FumidaiError('Throttled', `AWS is throttling requests (${code}). Fumidai will retry.`);
  return new FumidaiError('Internal', `${code || 'Error'}: ${err.message ?? 'unexpected error from AWS'}`);
}
