// The AWS access services — SSO sign-in, accounts and roles, role credentials — wired once and
// shared by the app's core (main/composition.ts) and the CLI (main/cli/defaultServices.ts).
import { join } from 'node:path';
import { AuthService } from './auth/authService';
import { createOidcApi } from './auth/oidc';
import { createPortalApi } from './auth/portal';
import type { PortalApi } from './auth/ports';
import { serviceEndpoint } from './aws/endpoints';
import type { AwsFileLayer } from './aws/defaults';
import { AccountsService } from './accounts/accountsService';
import { FavoritesStore } from './accounts/favoritesStore';
import { RoleCredentialsService } from './accounts/roleCredentials';
import type { EnvironmentRule } from '../common/environments';

export interface AccessServices {
  auth: AuthService;
  accounts: AccountsService;
  credentials: RoleCredentialsService;
  favorites: FavoritesStore;
}

export interface AccessServicesOptions {
  env: NodeJS.ProcessEnv;
  configDir: string;
  files: Pick<AwsFileLayer, 'sessions' | 'tokens'>;
  /** The user's environment-classification rules (Settings), read on every snapshot. */
  environmentRules?: () => readonly EnvironmentRule[];
  /** Opens sign-in pages; callers route it through the external-link allow-list. */
  openBrowser(url: string): Promise<void>;
  log?: (message: string) => void;
}

export async function createAccessServices(o: AccessServicesOptions): Promise<AccessServices> {
  const portals = new Map<string, PortalApi>();
  const portal = (region: string) => portals.get(region) ?? portals.set(region, createPortalApi(region)).get(region)!;
  const auth = new AuthService({
    sessions: o.files.sessions,
    tokens: o.files.tokens,
    oidc: (region) => createOidcApi(region),
    portal,
    oidcEndpoint: (region) => serviceEndpoint('SSO OIDC', region, o.env),
    openBrowser: o.openBrowser,
    log: o.log,
  });
  const regionOf = (sessionId: string) => auth.summary(sessionId).region;
  const favorites = FavoritesStore.inDirectory(o.configDir);
  await favorites.load();
  const credentials = new RoleCredentialsService({
    accessToken: (id) => auth.accessToken(id),
    portalFor: (id) => portal(regionOf(id)),
    onDidUse: (accountId, at) => void favorites.markUsed(accountId, at).catch(() => {}),
  });
  const accounts = new AccountsService({
    cacheDir: join(o.configDir, 'cache'),
    accessToken: (id) => auth.accessToken(id),
    portalFor: (id) => portal(regionOf(id)),
    favorites,
    rules: o.environmentRules,
    log: o.log,
  });
  // Sign-out wipes what the session unlocked.
  auth.onDidSignOut((id) => {
    credentials.wipe(id);
    accounts.forget(id);
  });
  await auth.reload();
  return { auth, accounts, credentials, favorites };
}
