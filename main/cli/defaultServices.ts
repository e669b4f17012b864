// The CLI's wiring of the core services (the same ones the app composes), without a window.
import { AuthService } from '../auth/authService';
import { createOidcApi } from '../auth/oidc';
import { createPortalApi } from '../auth/portal';
import type { PortalApi } from '../auth/ports';
import { serviceEndpoint } from '../aws/endpoints';
import { createAwsFiles } from '../aws/defaults';
import { AccountsService } from '../accounts/accountsService';
import { FavoritesStore } from '../accounts/favoritesStore';
import { RoleCredentialsService } from '../accounts/roleCredentials';
import { defaultConfigDir } from '../platform/paths';
import { openInBrowser } from '../platform/openInBrowser';
import { checkExternalUrl } from '../../common/externalLinks';
import { FumidaiError } from '../../common/api/errors';
import { join } from 'node:path';
import type { CliServices, CliServicesFactory } from './services';

export const createCliServices: CliServicesFactory = async (env) => {
  const configDir = defaultConfigDir(env);
  const files = createAwsFiles(env, configDir);
  const portals = new Map<string, PortalApi>();
  const portal = (region: string) => portals.get(region) ?? portals.set(region, createPortalApi(region)).get(region)!;
  const openBrowser = async (url: string) => {
    const verdict = checkExternalUrl(url);
    if (!verdict.allowed) throw new FumidaiError('Forbidden', `Fumidai did not open ${url}: ${verdict.reason}.`);
    await openInBrowser(verdict.url);
  };
  const auth = new AuthService({
    sessions: files.sessions,
    tokens: files.tokens,
    oidc: (region) => createOidcApi(region),
    portal,
    oidcEndpoint: (region) => serviceEndpoint('SSO OIDC', region, env),
    // In a terminal without a desktop the browser may not open; the URL is printed anyway.
    openBrowser: (url) => openBrowser(url).catch(() => {}),
  });
  const regionOf = (id: string) => auth.summary(id).region;
  const favorites = FavoritesStore.inDirectory(configDir);
  await favorites.load();
  const credentials = new RoleCredentialsService({ accessToken: (id) => auth.accessToken(id), portalFor: (id) => portal(regionOf(id)) });
  const accounts = new AccountsService({ cacheDir: join(configDir, 'cache'), accessToken: (id) => auth.accessToken(id), portalFor: (id) => portal(regionOf(id)), favorites });
  const services: CliServices = {
    auth,
    accounts,
    credentials,
    openBrowser,
    exportProfiles: (sessionId) => files.exportProfiles(sessionId, accounts),
    async dispose() {
      auth.dispose();
      credentials.wipe();
    },
  };
  return services;
};
