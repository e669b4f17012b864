// The real ~/.aws file layer for the app and the CLI: sessions from ~/.aws/config (plus ones
// added in Fumidai), the AWS CLI's token cache, and profile export.
import type { SessionSource, TokenStore } from '../auth/ports';
import type { AccountsService } from '../accounts/accountsService';
import { FumidaiError } from '../../common/api/errors';
import { awsConfigPath, createSessionSource } from './ssoConfig';
import { SsoTokenCache, defaultSsoCacheDir } from './ssoTokenCache';
import { exportProfilesToFile } from './profileExport';

export interface AwsFileLayer {
  sessions: SessionSource;
  tokens: TokenStore;
  exportProfiles(sessionId: string, accounts: Pick<AccountsService, 'loadAll'>): Promise<{ path: string; profiles: number; backupPath?: string }>;
}

export function createAwsFiles(env: NodeJS.ProcessEnv, configDir: string): AwsFileLayer {
  const sessions = createSessionSource(env, configDir);
  return {
    sessions,
    tokens: new SsoTokenCache(defaultSsoCacheDir(env)),
    async exportProfiles(sessionId, accounts) {
      const { sessions: list } = await sessions.list();
      const session = list.find((s) => (s.source === 'legacy-profile' ? `profile:${s.legacyProfile ?? s.name}` : s.name) === sessionId);
      if (!session) throw new FumidaiError('NotFound', `There is no SSO session named ${sessionId}.`);
      if (session.source === 'app') {
        throw new FumidaiError('NotSupported', `${session.name} exists only in Fumidai; add it to ~/.aws/config as an [sso-session] first so the exported profiles can refer to it.`);
      }
      const snapshot = await accounts.loadAll(sessionId);
      return exportProfilesToFile(awsConfigPath(env), {
        sessionName: session.name,
        ...(session.source === 'legacy-profile' ? { legacy: { startUrl: session.startUrl, ssoRegion: session.region } } : {}),
        region: session.region,
        accounts: snapshot.accounts.filter((a) => !a.error),
      });
    },
  };
}
