// What the sign-in service needs from the file layer (~/.aws/config, the AWS CLI's token cache)
// and from IAM Identity Center. Small interfaces, so the service can be tested with fakes and the
// file formats stay in main/aws/.
import type { ConfigProblem } from '../../common/api/auth';
import type { ClientRegistration } from './oidc';

export interface SsoSessionConfig {
  /** sso-session name; for legacy profiles the profile name; for app-added sessions their name. */
  name: string;
  startUrl: string;
  region: string;
  scopes: string[];
  source: 'sso-session' | 'legacy-profile' | 'app';
  legacyProfile?: string;
}

export interface SessionSource {
  list(): Promise<{ sessions: SsoSessionConfig[]; problems: ConfigProblem[] }>;
  add(session: { name: string; startUrl: string; region: string; scopes: string[]; writeToAwsConfig: boolean }): Promise<SsoSessionConfig>;
}

/** The cached SSO token as Fumidai uses it (the on-disk format is the AWS CLI's). */
export interface StoredToken {
  startUrl: string;
  region: string;
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** epoch ms */
  registrationExpiresAt?: number;
}

export interface TokenStore {
  read(session: SsoSessionConfig): Promise<StoredToken | undefined>;
  write(session: SsoSessionConfig, token: StoredToken): Promise<void>;
  remove(session: SsoSessionConfig): Promise<void>;
  readRegistration(session: SsoSessionConfig, kind: 'device' | 'pkce'): Promise<ClientRegistration | undefined>;
  writeRegistration(session: SsoSessionConfig, kind: 'device' | 'pkce', registration: ClientRegistration): Promise<void>;
}

export interface PortalAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
}

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** epoch ms */
  expiration: number;
}

/** The SSO portal API (bearer-token authenticated). */
export interface PortalApi {
  listAccounts(accessToken: string): AsyncIterable<PortalAccount[]>;
  listAccountRoles(accessToken: string, accountId: string): Promise<string[]>;
  getRoleCredentials(accessToken: string, accountId: string, roleName: string): Promise<RoleCredentials>;
  logout(accessToken: string): Promise<void>;
}
