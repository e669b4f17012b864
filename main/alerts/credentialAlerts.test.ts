import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionsSnapshot, SsoSessionSummary } from '../../common/api/auth';
import { Emitter } from '../../common/event';
import { AlertsService } from './alertsService';
import { notifyExpiry, watchKeyVault, watchSsoSessions } from './credentialAlerts';
import { ExpiryClock } from './expiryClock';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function fakeAuth(expiresAt: number, canRefresh = false) {
  const changed = new Emitter<SessionsSnapshot>();
  let summary: SsoSessionSummary = { id: 'acme', name: 'acme', startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1', source: 'sso-session', state: 'signed-in', expiresAt, canRefresh };
  const snapshot = (): SessionsSnapshot => ({ sessions: [summary], configProblems: [] });
  return {
    onDidChange: changed.event,
    snapshot,
    summary: () => summary,
    refresh: vi.fn(async () => {}),
    set(patch: Partial<SsoSessionSummary>) {
      summary = { ...summary, ...patch };
      changed.fire(snapshot());
    },
  };
}

function setup(expiresAt: number, canRefresh = false) {
  const clock = new ExpiryClock();
  const alerts = new AlertsService({ clock });
  const shown: string[] = [];
  alerts.onDidShow((n) => shown.push(`${n.kind}:${n.params.minutes ?? ''}`));
  const auth = fakeAuth(expiresAt, canRefresh);
  watchSsoSessions(auth, clock);
  notifyExpiry(clock, alerts);
  return { clock, alerts, shown, auth };
}

describe('credential alerts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('an SSO session warns at 15 and 5 minutes with "Sign in again", then expires once', async () => {
    const { alerts, shown, clock } = setup(T0 + 30 * MIN);
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(shown).toEqual(['sso-expiring:15', 'sso-expiring:5', 'sso-expired:']);
    const [expired, five] = alerts.history();
    expect(expired!.actions).toEqual([{ type: 'sign-in', sessionId: 'acme' }]);
    expect(five!.resolved).toBe(true); // the warning is over once it expired
    clock.dispose();
  });

  it('silent refresh succeeds: no warning at all, and the countdown moves', async () => {
    const { alerts, shown, clock, auth } = setup(T0 + 20 * MIN, true);
    auth.refresh.mockImplementation(async () => auth.set({ expiresAt: Date.now() + 60 * MIN }));
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(auth.refresh).toHaveBeenCalled();
    expect(shown).toEqual([]);
    expect(alerts.status().credentials[0]!.expiresAt).toBe(T0 + 65 * MIN);
    clock.dispose();
  });

  it('signing in again after a warning resolves it', async () => {
    const { alerts, clock, auth } = setup(T0 + 10 * MIN);
    await vi.advanceTimersByTimeAsync(1000);
    expect(alerts.history()[0]!.resolved).toBe(false);
    auth.set({ expiresAt: T0 + 8 * 60 * MIN });
    expect(alerts.history()[0]!.resolved).toBe(true);
    clock.dispose();
  });

  it('a laptop waking long after expiry shows one notification per session', async () => {
    const { shown, clock } = setup(T0 + 30 * MIN);
    vi.setSystemTime(T0 + 5 * 60 * MIN);
    clock.check();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(shown).toEqual(['sso-expired:']);
    clock.dispose();
  });

  it('signing out takes the session off the clock', async () => {
    const { alerts, shown, clock, auth } = setup(T0 + 30 * MIN);
    auth.set({ state: 'signed-out', expiresAt: undefined });
    expect(alerts.status().credentials).toEqual([]);
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(shown).toEqual([]);
    clock.dispose();
  });

  it('key vault: loaded keys count down, expiry warns, a forgotten key is told as wiped', async () => {
    const clock = new ExpiryClock();
    const alerts = new AlertsService({ clock });
    const load = new Emitter<{ id: string; label: string; expiresAt: number }>();
    const wipe = new Emitter<{ info: { id: string; label: string }; reason: string }>();
    watchKeyVault({ onDidLoad: load.event, onDidWipe: wipe.event }, clock, alerts);
    notifyExpiry(clock, alerts);
    load.fire({ id: 'k1', label: '/acme/bastion/key', expiresAt: T0 + 10 * MIN });
    expect(alerts.status().credentials.map((c) => c.kind)).toEqual(['ssh-key']);
    expect(alerts.history().map((n) => n.kind)).toEqual(['key-expiring', 'key-loaded']);
    wipe.fire({ info: { id: 'k1', label: '/acme/bastion/key' }, reason: 'forgotten' });
    expect(alerts.status().credentials).toEqual([]);
    expect(alerts.history()[0]!.kind).toBe('key-wiped');
    clock.dispose();
  });
});
