// What CLI commands need from the core, created lazily so `fumidai --help` stays instant.
import type { AuthService } from '../auth/authService';
import type { AccountsService } from '../accounts/accountsService';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import type { InventoryService } from '../inventory/inventoryService';
import type { SsoSessionSummary } from '../../common/api/auth';
import { FumidaiError } from '../../common/api/errors';
import type { SshKeyProvider } from '../ssh/types';

export interface CliServices {
  auth: AuthService;
  accounts: AccountsService;
  credentials: RoleCredentialsService;
  inventory?: InventoryService;
  /** Where `fumidai ssh` logins get their keys (the key vault). */
  sshKeys?: SshKeyProvider;
  openBrowser(url: string): Promise<void>;
  /** Writes the chosen roles as [profile] sections of ~/.aws/config; returns what it did. */
  exportProfiles?(sessionId: string): Promise<{ path: string; profiles: number; backupPath?: string }>;
  dispose(): Promise<void>;
}

export type CliServicesFactory = (env: NodeJS.ProcessEnv) => Promise<CliServices>;

/** Runs a command body with the services, always releasing them (timers, credentials) afterwards. */
export async function withServices<T>(factory: CliServicesFactory, env: NodeJS.ProcessEnv, body: (svc: CliServices) => Promise<T>): Promise<T> {
  const svc = await factory(env);
  try {
    return await body(svc);
  } finally {
    await svc.dispose();
  }
}

/** Picks the session a command acts on: --session, else the only one, else AWS_PROFILE's, else an error listing them. */
export function chooseSession(sessions: SsoSessionSummary[], requested: string | undefined, env: NodeJS.ProcessEnv): SsoSessionSummary {
  if (requested) {
    const found = sessions.find((s) => s.id === requested || s.name === requested);
    if (!found) throw new FumidaiError('NotFound', `No SSO session named '${requested}'. Known sessions: ${sessions.map((s) => s.id).join(', ') || 'none'}.`);
    return found;
  }
  if (sessions.length === 1) return sessions[0]!;
  if (sessions.length === 0) {
    throw new FumidaiError('InvalidConfig', 'No SSO session is configured. Add an [sso-session] section to ~/.aws/config (see `aws configure sso`), or add one in the Fumidai app.');
  }
  const profile = env.AWS_PROFILE;
  const byProfile = profile ? sessions.find((s) => s.id === `profile:${profile}`) : undefined;
  if (byProfile) return byProfile;
  const signedIn = sessions.filter((s) => s.state === 'signed-in');
  if (signedIn.length === 1) return signedIn[0]!;
  throw new FumidaiError('InvalidConfig', `Several SSO sessions are configured; choose one with --session: ${sessions.map((s) => s.id).join(', ')}.`);
}
