// The SSH connect path, composed: ~/.ssh/config and ~/.ssh/known_hosts from the user's home (read
// only), Fumidai's own host-key store in its config directory, and the key provider given.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import type { SsmSessionApi } from '../ssm/ssmApi';
import { HostKeyStore } from './hostKeyStore';
import { HostKeyVerifier } from './hostKeyVerifier';
import { SshConfig, defaultSshConfigPath } from './sshConfig';
import { SshSessionService } from './sshSessionService';
import type { SshKeyProvider } from './types';

export interface SshServicesOptions {
  configDir: string;
  env: NodeJS.ProcessEnv;
  credentials: Pick<RoleCredentialsService, 'provider'>;
  keys: SshKeyProvider;
  ssmApi?: (region: string, credentials: ReturnType<RoleCredentialsService['provider']>) => SsmSessionApi;
  log?: (message: string) => void;
}

export interface SshServices {
  sessions: SshSessionService;
  hostKeys: HostKeyStore;
}

/** The user's home as OpenSSH finds it (HOME first, so tests and sandboxes can point elsewhere). */
export function userHome(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

export function createSshServices(options: SshServicesOptions): SshServices {
  const home = userHome(options.env);
  const hostKeys = HostKeyStore.inDirectory(options.configDir);
  const configPath = defaultSshConfigPath(home);
  const reported = new Set<string>();
  const sessions = new SshSessionService({
    credentials: options.credentials,
    keys: options.keys,
    hostKeys: new HostKeyVerifier({ userFiles: [join(home, '.ssh', 'known_hosts')], store: hostKeys }),
    sshConfig: async () => {
      const config = await SshConfig.read(configPath);
      // Each problem is logged once, not at every connection.
      for (const problem of config.describeProblems(configPath)) {
        if (reported.has(problem)) continue;
        reported.add(problem);
        options.log?.(problem);
      }
      return config;
    },
    home,
    ...(options.ssmApi ? { ssmApi: options.ssmApi } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { sessions, hostKeys };
}

export type { SshKeyProvider, SshKey, SshHop, SshAccess, SshPrompter } from './types';
