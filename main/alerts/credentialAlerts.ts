// Feeds every credential source into the one expiry clock, and turns the clock's events into
// notifications. Sources plug in through the clock's small interface ({id, kind, label, expiresAt,
// refresh?}): SSO sessions (silent refresh with the refresh token), role credentials (routine,
// so quiet), and the SSH key vault (its load and wipe events, see `watchKeyVault`).
import type { SsoSessionSummary, SessionsSnapshot } from '../../common/api/auth';
import type { Disposer, Event } from '../../common/event';
import type { AlertsService } from './alertsService';
import type { ExpiryClock, ExpiryEvent } from './expiryClock';

export interface SsoSource {
  onDidChange: Event<SessionsSnapshot>;
  snapshot(): SessionsSnapshot;
  summary(sessionId: string): SsoSessionSummary;
  refresh(sessionId: string): Promise<void>;
}

/** Registers each signed-in SSO session's access token; signed-out sessions leave the clock. */
export function watchSsoSessions(auth: SsoSource, clock: ExpiryClock): Disposer {
  const registered = new Map<string, number>();
  const sync = (snap: SessionsSnapshot) => {
    const seen = new Set<string>();
    for (const s of snap.sessions) {
      if ((s.state !== 'signed-in' && s.state !== 'expired') || s.expiresAt === undefined) continue;
      seen.add(s.id);
      if (registered.get(s.id) === s.expiresAt) continue;
      registered.set(s.id, s.expiresAt);
      clock.register({
        id: `sso:${s.id}`,
        kind: 'sso',
        label: s.name,
        expiresAt: s.expiresAt,
        subject: { sessionId: s.id },
        refresh: async () => {
          if (!auth.summary(s.id).canRefresh) return undefined;
          await auth.refresh(s.id);
          return auth.summary(s.id).expiresAt;
        },
      });
    }
    for (const id of [...registered.keys()]) {
      if (seen.has(id)) continue;
      registered.delete(id);
      clock.unregister(`sso:${id}`);
    }
  };
  sync(auth.snapshot());
  return auth.onDidChange(sync);
}

export interface RoleCredentialEvents {
  onDidIssue: Event<{ sessionId: string; accountId: string; roleName: string; expiresAt: number }>;
  onDidWipe: Event<{ sessionId?: string }>;
}

/** Role credentials: on the clock for the status bar; their notifications stay in the history. */
export function watchRoleCredentials(source: RoleCredentialEvents, clock: ExpiryClock): Disposer {
  const ids = new Map<string, string>();
  const offIssue = source.onDidIssue((c) => {
    const id = `role:${c.sessionId}/${c.accountId}/${c.roleName}`;
    ids.set(id, c.sessionId);
    clock.register({ id, kind: 'role', label: `${c.accountId} · ${c.roleName}`, expiresAt: c.expiresAt, subject: { sessionId: c.sessionId, accountId: c.accountId, roleName: c.roleName } });
  });
  const offWipe = source.onDidWipe(({ sessionId }) => {
    for (const [id, owner] of [...ids]) {
      if (sessionId !== undefined && owner !== sessionId) continue;
      ids.delete(id);
      clock.unregister(id);
    }
  });
  return () => {
    offIssue();
    offWipe();
  };
}

/** The parts of the SSH key vault (main/ssh/keys) the alerts need; KeyVault satisfies it. */
export interface KeyVaultEvents {
  onDidLoad: Event<{ id: string; label: string; expiresAt: number }>;
  onDidWipe: Event<{ info: { id: string; label: string }; reason: string }>;
}

/** Loaded keys count down on the clock; loading and wiping are notifications of their own. */
export function watchKeyVault(vault: KeyVaultEvents, clock: ExpiryClock, alerts: AlertsService): Disposer {
  const offLoad = vault.onDidLoad((k) => {
    alerts.notify({ kind: 'key-loaded', key: `key-loaded:${k.id}`, params: { name: k.label, until: k.expiresAt }, quiet: true });
    clock.register({ id: `key:${k.id}`, kind: 'ssh-key', label: k.label, expiresAt: k.expiresAt });
  });
  const offWipe = vault.onDidWipe(({ info, reason }) => {
    clock.unregister(`key:${info.id}`);
    // Expiry is announced by the clock; other wipes (forget, sign-out, lock) are said here.
    if (reason !== 'expired') alerts.notify({ kind: 'key-wiped', key: `key-wiped:${info.id}`, params: { name: info.label, reason }, quiet: reason === 'quit' });
  });
  return () => {
    offLoad();
    offWipe();
  };
}

/** Clock events → notifications, with "Sign in again" on SSO ones. */
export function notifyExpiry(clock: ExpiryClock, alerts: AlertsService): Disposer {
  return clock.onDidFire((e: ExpiryEvent) => {
    const c = e.credential;
    const sessionId = c.subject?.sessionId;
    const signIn = c.kind === 'sso' && sessionId ? [{ type: 'sign-in' as const, sessionId }] : [];
    const warnKey = `expiring:${c.id}`;
    if (e.type === 'renewed') {
      alerts.resolve(warnKey);
      alerts.resolve(`expired:${c.id}`);
      return;
    }
    const kind = c.kind === 'sso' ? 'sso' : c.kind === 'role' ? 'role' : 'key';
    if (e.type === 'expiring') {
      alerts.notify({
        kind: `${kind}-expiring`,
        // Each lead time is its own notification: the 5-minute warning pops even after the 15-minute one.
        key: `${warnKey}:${e.leadMs}`,
        severity: 'warning',
        params: { name: c.label, minutes: Math.max(1, Math.round(e.remainingMs / 60_000)), expiresAt: c.expiresAt },
        actions: signIn,
        quiet: c.kind === 'role',
      });
    } else {
      alerts.resolve(warnKey);
      alerts.notify({ kind: `${kind}-expired`, key: `expired:${c.id}`, severity: 'warning', params: { name: c.label }, actions: signIn, quiet: c.kind === 'role' });
    }
  });
}
