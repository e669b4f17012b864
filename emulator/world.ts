// The emulator's state: the fixture organisation plus everything issued at run time (OIDC
// clients, device codes, tokens, role credentials) and the CloudTrail events really recorded.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from './contracts';
import type { Fixture, FixtureInstance, PermissionSet } from './fixture/schema';
import { deriveEd25519KeyPair, type Ed25519KeyPair } from './keyMaterial';
import { authorize } from './iam/policy';
import { ApiError } from './http/respond';
import type { IssuedCredentials } from './http/sigv4';

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  expiresAt: number;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  issuerUrl?: string;
}

export interface DeviceAuth {
  deviceCode: string;
  userCode: string;
  clientId: string;
  expiresAt: number;
  interval: number;
  lastPollAt?: number;
  status: 'pending' | 'approved' | 'denied';
  user?: string;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  user: string;
  expiresAt: number;
  used: boolean;
}

export interface AccessToken {
  token: string;
  user: string;
  clientId: string;
  expiresAt: number;
  /** When the Identity Center session ends; refresh stops working then. */
  sessionEndsAt: number;
  revoked: boolean;
}

export interface RoleCredentials extends IssuedCredentials {
  user: string;
  accountId: string;
  roleName: string;
  accessToken: string;
  revoked: boolean;
}

export interface CloudTrailEvent {
  eventId: string;
  eventName: string;
  eventSource: string;
  eventTime: number;
  username: string;
  accountId: string;
  region: string;
  resources: Array<{ type: string; name: string }>;
  sourceIp: string;
  userAgent: string;
  requestParameters: Record<string, unknown>;
  responseElements: Record<string, unknown> | null;
  accessKeyId?: string;
}

export const ACCESS_TOKEN_TTL_S = 3600;
export const SESSION_TTL_MS = 8 * 3600_000;

export class World {
  readonly clients = new Map<string, OidcClient>();
  readonly devices = new Map<string, DeviceAuth>();
  readonly authCodes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, { user: string; clientId: string; sessionEndsAt: number; used: boolean }>();
  readonly credentials = new Map<string, RoleCredentials>();
  readonly events: CloudTrailEvent[] = [];
  readonly keyPairs = new Map<string, Ed25519KeyPair>();

  constructor(
    readonly fixture: Fixture,
    readonly clock: Clock,
    readonly seed: string,
  ) {
    for (const p of fixture.parameters) if (p.keyPair && !this.keyPairs.has(p.keyPair)) this.keyPairs.set(p.keyPair, deriveEd25519KeyPair(`${seed}:keypair:${p.keyPair}`, p.keyPair));
  }

  newId(prefix: string, bytes = 16): string {
    return `${prefix}${randomBytes(bytes).toString('base64url')}`;
  }

  user(username: string) {
    return this.fixture.users.find((u) => u.username === username);
  }

  accountsFor(user: string) {
    const ids = new Set(this.fixture.assignments.filter((a) => a.user === user).map((a) => a.account));
    return this.fixture.accounts.filter((a) => ids.has(a.id) && a.status === 'ACTIVE');
  }

  rolesFor(user: string, accountId: string): string[] {
    return [...new Set(this.fixture.assignments.filter((a) => a.user === user && a.account === accountId).flatMap((a) => a.permissionSets))];
  }

  permissionSet(name: string): PermissionSet {
    const set = this.fixture.permissionSets.find((p) => p.name === name);
    if (!set) throw new Error(`unknown permission set ${name}`);
    return set;
  }

  /** A valid (unexpired, unrevoked) access token, or the portal's 401. */
  requireAccessToken(token: string | undefined): AccessToken {
    const t = token ? this.accessTokens.get(token) : undefined;
    if (!t || t.revoked || t.expiresAt <= this.clock.now()) throw new ApiError(401, 'UnauthorizedException', 'Session token not found or invalid');
    return t;
  }

  issueRoleCredentials(token: AccessToken, accountId: string, roleName: string): RoleCredentials {
    const set = this.permissionSet(roleName);
    const creds: RoleCredentials = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: Math.min(this.clock.now() + set.sessionDurationSeconds * 1000, token.sessionEndsAt),
      user: token.user,
      accountId,
      roleName,
      accessToken: token.token,
      revoked: false,
    };
    this.credentials.set(creds.accessKeyId, creds);
    return creds;
  }

  lookupCredentials = (accessKeyId: string): IssuedCredentials | undefined => {
    const c = this.credentials.get(accessKeyId);
    return c && !c.revoked ? c : undefined;
  };

  /** The role session ARN AWS shows for SSO role credentials. */
  principalArn(c: RoleCredentials): string {
    return `arn:aws:sts::${c.accountId}:assumed-role/AWSReservedSSO_${c.roleName}_${c.accountId.slice(0, 8)}/${c.user}`;
  }

  /** Throws AWS's AccessDenied (shaped per protocol by the caller) unless the role may do it. */
  authorize(c: RoleCredentials, action: string, resource?: { arn: string; tags: Record<string, string> }, code = 'AccessDeniedException'): void {
    const decision = authorize(this.permissionSet(c.roleName), action, resource);
    if (!decision.allowed) {
      throw new ApiError(400, code, `User: ${this.principalArn(c)} is not authorized to perform: ${action}${resource ? ` on resource: ${resource.arn}` : ''} ${decision.reason}`);
    }
  }

  instance(id: string): FixtureInstance | undefined {
    return this.fixture.instances.find((i) => i.id === id);
  }

  instanceArn(i: FixtureInstance): string {
    return `arn:aws:ec2:${i.region}:${i.account}:instance/${i.id}`;
  }

  /** The caller of the request being served (CloudTrail's sourceIPAddress and userAgent). */
  private readonly caller = new AsyncLocalStorage<{ sourceIp: string; userAgent: string }>();

  /** Runs `fn` (one request) so that events it records name this caller. */
  asCaller<T>(caller: { sourceIp: string; userAgent: string }, fn: () => T): T {
    return this.caller.run(caller, fn);
  }

  record(event: Omit<CloudTrailEvent, 'eventId' | 'eventTime' | 'sourceIp' | 'userAgent'> & Partial<Pick<CloudTrailEvent, 'sourceIp' | 'userAgent'>>): void {
    const caller = this.caller.getStore();
    this.events.push({ eventId: randomUUID(), eventTime: this.clock.now(), sourceIp: caller?.sourceIp ?? '127.0.0.1', userAgent: caller?.userAgent ?? 'unknown', ...event });
  }
}
