// The SSO portal (restJson1, bearer token in x-amz-sso_bearer_token): ListAccounts,
// ListAccountRoles, GetRoleCredentials (expiration in epoch ms), Logout.
import { ApiError } from '../http/respond';
import type { World } from '../world';

function page<T>(items: T[], nextToken: string | null, maxResult: string | null, fallback: number): { items: T[]; next?: string } {
  const start = nextToken ? Number.parseInt(Buffer.from(nextToken, 'base64url').toString(), 10) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new ApiError(400, 'InvalidRequestException', 'Invalid next token');
  const size = maxResult ? Math.max(1, Math.min(100, Number.parseInt(maxResult, 10) || fallback)) : fallback;
  const end = Math.min(items.length, start + Math.min(size, fallback));
  return { items: items.slice(start, end), ...(end < items.length ? { next: Buffer.from(String(end)).toString('base64url') } : {}) };
}

export class PortalService {
  constructor(private readonly world: World) {}

  listAccounts(token: string | undefined, q: URLSearchParams) {
    const t = this.world.requireAccessToken(token);
    const all = this.world.accountsFor(t.user).map((a) => ({ accountId: a.id, accountName: a.name, emailAddress: a.email }));
    const p = page(all, q.get('next_token'), q.get('max_result'), this.world.fixture.pageSizes.accounts);
    return { accountList: p.items, ...(p.next ? { nextToken: p.next } : {}) };
  }

  listAccountRoles(token: string | undefined, q: URLSearchParams) {
    const t = this.world.requireAccessToken(token);
    const accountId = q.get('account_id');
    if (!accountId) throw new ApiError(400, 'InvalidRequestException', 'account_id is required');
    const roles = this.world.rolesFor(t.user, accountId).map((roleName) => ({ roleName, accountId }));
    if (roles.length === 0) throw new ApiError(403, 'ForbiddenException', 'No access');
    const p = page(roles, q.get('next_token'), q.get('max_result'), this.world.fixture.pageSizes.roles);
    return { roleList: p.items, ...(p.next ? { nextToken: p.next } : {}) };
  }

  getRoleCredentials(token: string | undefined, q: URLSearchParams) {
    const t = this.world.requireAccessToken(token);
    const accountId = q.get('account_id');
    const roleName = q.get('role_name');
    if (!accountId || !roleName) throw new ApiError(400, 'InvalidRequestException', 'account_id and role_name are required');
    if (!this.world.rolesFor(t.user, accountId).includes(roleName)) throw new ApiError(403, 'ForbiddenException', 'No access');
    const c = this.world.issueRoleCredentials(t, accountId, roleName);
    this.world.record({
      eventName: 'GetRoleCredentials',
      eventSource: 'sso.amazonaws.com',
      username: t.user,
      accountId,
      region: this.world.fixture.organization.ssoRegion,
      resources: [{ type: 'AWS::SSO::PermissionSet', name: roleName }],
      requestParameters: { accountId, roleName },
      responseElements: null,
    });
    return { roleCredentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration } };
  }

  logout(token: string | undefined) {
    const t = this.world.requireAccessToken(token);
    t.revoked = true;
    for (const c of this.world.credentials.values()) if (c.accessToken === t.token) c.revoked = true;
    for (const [rt, entry] of this.world.refreshTokens) if (entry.user === t.user && entry.clientId === t.clientId) this.world.refreshTokens.delete(rt);
    return {};
  }
}
