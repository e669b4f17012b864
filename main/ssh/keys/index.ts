// The key vault, composed: AWS calls with the user's role credentials, the settings' key rules and
// lifetime, the SSO sign-in's end as the latest expiry, and the connect path's key provider.
import type { RoleCredentialsService } from '../../accounts/roleCredentials';
import type { KeysSnapshot } from '../../../common/api/keys';
import type { SshKeySettings } from '../../../common/api/sshKeySettings';
import type { DomainHandlers } from '../../../common/api/contract';
import type { keysDomain } from '../../../common/api/keys';
import type { SshKeyProvider } from '../types';
import { createKeyAwsApi } from './awsKeyApi';
import { KeyVaultService } from './keyVaultService';
import { vaultKeyProvider } from './vaultKeyProvider';

export interface KeyVaultOptions {
  credentials: Pick<RoleCredentialsService, 'provider'>;
  settings: () => SshKeySettings;
  /** When the SSO sign-in ends (epoch ms), if known. */
  ssoSessionEnd: (ssoSessionId: string) => number | undefined;
  env: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}

export function createKeyVault(options: KeyVaultOptions): { vault: KeyVaultService; provider: SshKeyProvider } {
  const vault = new KeyVaultService({
    aws: createKeyAwsApi(options.credentials),
    settings: options.settings,
    ssoSessionEnd: options.ssoSessionEnd,
    env: options.env,
    ...(options.log ? { log: options.log } : {}),
  });
  return { vault, provider: vaultKeyProvider({ vault, settings: options.settings, env: options.env }) };
}

export function keysHandlers(vault: KeyVaultService): DomainHandlers<typeof keysDomain> {
  return {
    list: (): KeysSnapshot => vault.list(),
    forget: ({ id }) => ({ forgotten: vault.wipe(id, 'forgotten') }),
    forgetAll: () => ({ forgotten: vault.wipeAll('forgotten') }),
  };
}

export { KeyVaultService } from './keyVaultService';
export { bastionFromRules } from './bastionRule';
export type { KeyVault, LoadedKey, KeyRequest } from './keyVault';
