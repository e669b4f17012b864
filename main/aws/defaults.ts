// The real ~/.aws file layer for the app and the CLI: sessions from ~/.aws/config (plus ones
// added in Fumidai) and the AWS CLI's token cache.
import type { SessionSource, TokenStore } from '../auth/ports';
import { createSessionSource } from './ssoConfig';
import { SsoTokenCache, defaultSsoCacheDir } from './ssoTokenCache';

export function createAwsFiles(env: NodeJS.ProcessEnv, configDir: string): { sessions: SessionSource; tokens: TokenStore } {
  return { sessions: createSessionSource(env, configDir), tokens: new SsoTokenCache(defaultSsoCacheDir(env)) };
}
