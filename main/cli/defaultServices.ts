// The CLI's wiring of the core services (the same ones the app composes), without a window.
import { createAccessServices } from '../accessServices';
import { createAwsFiles } from '../aws/defaults';
import { defaultConfigDir } from '../platform/paths';
import { openInBrowser } from '../platform/openInBrowser';
import { checkExternalUrl } from '../../common/externalLinks';
import { FumidaiError } from '../../common/api/errors';
import type { CliServicesFactory } from './services';
import { SettingsService } from '../settings/settingsService';
import { InventoryService } from '../inventory/inventoryService';
import { readConfiguredRegions } from '../aws/ssoConfig';
import { join } from 'node:path';
import { createKeyVault } from '../ssh/keys';

export const createCliServices: CliServicesFactory = async (env) => {
  const configDir = defaultConfigDir(env);
  const files = createAwsFiles(env, configDir);
  const openBrowser = async (url: string) => {
    const verdict = checkExternalUrl(url);
    if (!verdict.allowed) throw new FumidaiError('Forbidden', `Fumidai did not open ${url}: ${verdict.reason}.`);
    await openInBrowser(verdict.url);
  };
  const settings = SettingsService.inDirectory(configDir);
  await settings.load();
  // In a terminal without a desktop the browser may not open; the URL is printed anyway.
  const { auth, accounts, credentials } = await createAccessServices({
    env,
    configDir,
    files,
    environmentRules: () => settings.get().environmentRules,
    openBrowser: (url) => openBrowser(url).catch(() => {}),
  });
  const configRegions = await readConfiguredRegions(env);
  const inventory = new InventoryService({
    cacheDir: join(configDir, 'cache'),
    accounts: async (id) => (await accounts.loadAll(id)).accounts,
    credentials,
    regions: (id) => [...new Set([auth.summary(id).region, ...configRegions])],
  });
  // `fumidai ssh` gets its keys from the same vault as the app: memory only, wiped when the command ends.
  const { vault, provider: sshKeys } = createKeyVault({
    credentials,
    settings: () => settings.get().sshKeys,
    ssoSessionEnd: (id) => auth.snapshot().sessions.find((s) => s.id === id)?.expiresAt,
    env,
  });
  return {
    auth,
    accounts,
    credentials,
    inventory,
    sshKeys,
    openBrowser,
    exportProfiles: (sessionId) => files.exportProfiles(sessionId, accounts),
    async dispose() {
      vault.wipeAll('quit');
      auth.dispose();
      credentials.wipe();
    },
  };
};
