// The SSO portal API (ListAccounts, ListAccountRoles, GetRoleCredentials, Logout) through the
// AWS SDK, with errors turned into Fumidai's codes.
import { SSOClient, paginateListAccounts, paginateListAccountRoles, GetRoleCredentialsCommand, LogoutCommand } from '@aws-sdk/client-sso';
import { FumidaiError } from '../../common/api/errors';
import { networkOrInternal } from './oidc';
import type { PortalAccount, PortalApi, RoleCredentials } from './ports';
import { sdkUserAgent } from '../aws/deviceAgent';

export function createPortalApi(region: string): PortalApi {
  const client = new SSOClient({ region, customUserAgent: sdkUserAgent() });
  return {
    async *listAccounts(accessToken) {
      try {
        for await (const page of paginateListAccounts({ client, pageSize: 100 }, { accessToken })) {
          yield (page.accountList ?? []).map(
            (a): PortalAccount => ({ accountId: a.accountId ?? '', accountName: a.accountName ?? a.accountId ?? '', emailAddress: a.emailAddress ?? '' }),
          );
        }
      } catch (e) {
        throw translatePortalError(e);
      }
    },
    async listAccountRoles(accessToken, accountId) {
      const roles: string[] = [];
      try {
        for await (const page of paginateListAccountRoles({ client, pageSize: 100 }, { accessToken, accountId })) {
          for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
        }
      } catch (e) {
        throw translatePortalError(e);
      }
      return roles;
    },
    async getRoleCredentials(accessToken, accountId, roleName): Promise<RoleCredentials> {
      try {
        const out = await client.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
        const c = out.roleCredentials;
        if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration) {
          throw new FumidaiError('Internal', 'IAM Identity Center returned incomplete role credentials.');
        }
        return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration };
      } catch (e) {
        throw translatePortalError(e, `${roleName} in ${accountId}`);
      }
    },
    async logout(accessToken) {
      try {
        await client.send(new LogoutCommand({ accessToken }));
      } catch (e) {
        throw translatePortalError(e);
      }
    },
  };
}

export function translatePortalError(e: unknown, what?: string): Error {
  if (e instanceof FumidaiError) return e;
  const name = (e as { name?: string }).name ?? '';
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (name === 'UnauthorizedException' || status === 401) {
    return new FumidaiError('SsoExpired', 'The IAM Identity Center sign-in has expired or was revoked. Sign in again.');
  }
  if (name === 'ForbiddenException' || name === 'AccessDeniedException' || status === 403) {
    return new FumidaiError('AccessDenied', `IAM Identity Center denied access${what ? ` to ${what}` : ''}: ${(e as Error).message || 'No access'}.`);
  }
  if (name === 'ResourceNotFoundException') return new FumidaiError('NotFound', `${what ?? 'The resource'} was not found: ${(e as Error).message}`);
  if (name === 'TooManyRequestsException' || status === 429) return new FumidaiError('Throttled', 'IAM Identity Center is throttling requests; retrying shortly.');
  return networkOrInternal(e);
}
