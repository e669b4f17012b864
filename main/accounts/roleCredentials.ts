// Role credentials from GetRoleCredentials, held in memory only and reused until shortly before
// they expire. Wiped when the SSO session signs out. Never written to disk, logs or the renderer.
import type { PortalApi, RoleCredentials } from '../auth/ports';
import { Emitter, type Event } from '../../common/event';

/** Fetch new credentials when less than this is left (the CLI's role-credential cache margin). */
export const ROLE_CREDENTIALS_MARGIN_MS = 15 * 60_000;

export interface RoleCredentialsDeps {
  accessToken(sessionId: string): Promise<string>;
  portalFor(sessionId: string): PortalApi;
  onDidUse?(accountId: string, at: number): void;
  now?: () => number;
}

export class RoleCredentialsService {
  private readonly cache = new Map<string, RoleCredentials>();
  private readonly inFlight = new Map<string, Promise<RoleCredentials>>();
  private readonly now: () => number;
  private readonly didIssue = new Emitter<{ sessionId: string; accountId: string; roleName: string; expiresAt: number }>();
  /** New credentials are held (metadata only: which role, until when) — the expiry clock's feed. */
  readonly onDidIssue: Event<{ sessionId: string; accountId: string; roleName: string; expiresAt: number }> = this.didIssue.event;
  private readonly didWipe = new Emitter<{ sessionId?: string }>();
  readonly onDidWipe: Event<{ sessionId?: string }> = this.didWipe.event;

  constructor(private readonly deps: RoleCredentialsDeps) {
    this.now = deps.now ?? Date.now;
  }

  async get(sessionId: string, accountId: string, roleName: string): Promise<RoleCredentials> {
    const key = `${sessionId}\u0000${accountId}\u0000${roleName}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiration - this.now() > ROLE_CREDENTIALS_MARGIN_MS) return cached;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = (async () => {
        const creds = await this.deps.portalFor(sessionId).getRoleCredentials(await this.deps.accessToken(sessionId), accountId, roleName);
        this.cache.set(key, creds);
        this.deps.onDidUse?.(accountId, this.now());
        this.didIssue.fire({ sessionId, accountId, roleName, expiresAt: creds.expiration });
        return creds;
      })().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** An AWS SDK credential provider for one account and role (refreshes itself). */
  provider(sessionId: string, accountId: string, roleName: string) {
    return async () => {
      const c = await this.get(sessionId, accountId, roleName);
      return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) };
    };
  }

  /** Drops every credential of a session (sign-out, expiry) — or of all sessions (quit, lock). */
  wipe(sessionId?: string): void {
    for (const key of [...this.cache.keys()]) {
      if (sessionId === undefined || key.startsWith(`${sessionId}\u0000`)) this.cache.delete(key);
    }
    this.didWipe.fire(sessionId === undefined ? {} : { sessionId });
  }

  get size(): number {
    return this.cache.size;
  }
}
