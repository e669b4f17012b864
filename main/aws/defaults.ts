// The real ~/.aws file layer wired for the app and the CLI. (Filled in by the config/token-cache
// modules in main/aws/config and main/aws/tokenCache.)
import type { SessionSource, TokenStore } from '../auth/ports';

export function createAwsFiles(_env: NodeJS.ProcessEnv, _configDir: string): { sessions: SessionSource; tokens: TokenStore } {
  const unavailable = () => Promise.reject(new Error('The ~/.aws file layer is not wired yet.'));
  return {
    sessions: { list: async () => ({ sessions: [], problems: [] }), add: unavailable },
    tokens: { read: async () => undefined, write: unavailable, remove: async () => {}, readRegistration: async () => undefined, writeRegistration: unavailable },
  };
}
