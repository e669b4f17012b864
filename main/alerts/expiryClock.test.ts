import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpiryClock, type ExpiryEvent } from './expiryClock';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function setup(options: ConstructorParameters<typeof ExpiryClock>[0] = {}) {
  const clock = new ExpiryClock(options);
  const events: ExpiryEvent[] = [];
  clock.onDidFire((e) => events.push(e));
  const summary = () => events.map((e) => (e.type === 'expiring' ? `${e.credential.id}:expiring:${e.leadMs / MIN}` : `${e.credential.id}:${e.type}`));
  return { clock, events, summary };
}

describe('ExpiryClock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('fires each lead time once and then expired once, at the right moments', () => {
    const { clock, summary } = setup();
    clock.register({ id: 'sso:acme', kind: 'sso', label: 'acme', expiresAt: T0 + 60 * MIN });
    vi.advanceTimersByTime(44 * MIN);
    expect(summary()).toEqual([]);
    vi.advanceTimersByTime(1 * MIN);
    expect(summary()).toEqual(['sso:acme:expiring:15']);
    vi.advanceTimersByTime(9 * MIN);
    expect(summary()).toEqual(['sso:acme:expiring:15']);
    vi.advanceTimersByTime(1 * MIN);
    expect(summary()).toEqual(['sso:acme:expiring:15', 'sso:acme:expiring:5']);
    vi.advanceTimersByTime(5 * MIN);
    expect(summary()).toEqual(['sso:acme:expiring:15', 'sso:acme:expiring:5', 'sso:acme:expired']);
    // Time goes on, checks keep happening: nothing more.
    clock.check();
    vi.advanceTimersByTime(120 * MIN);
    expect(summary()).toHaveLength(3);
    clock.dispose();
  });

  it('a laptop asleep over the lead times and the expiry wakes to one "expired", not a backlog', () => {
    const { clock, summary } = setup();
    for (let i = 0; i < 20; i++) clock.register({ id: `role:${i}`, kind: 'role', label: `role ${i}`, expiresAt: T0 + 30 * MIN });
    clock.register({ id: 'sso:acme', kind: 'sso', label: 'acme', expiresAt: T0 + 30 * MIN });
    // Asleep: the wall clock moves 3 hours, no timer runs meanwhile.
    vi.setSystemTime(T0 + 3 * 60 * MIN);
    vi.advanceTimersByTime(30_000);
    expect(summary().filter((s) => s.startsWith('sso:'))).toEqual(['sso:acme:expired']);
    expect(summary()).toHaveLength(21);
    expect(summary().every((s) => s.endsWith(':expired'))).toBe(true);
    clock.dispose();
  });

  it('waking inside the 5-minute window gives the 5-minute warning only', () => {
    const { clock, summary } = setup();
    clock.register({ id: 'k', kind: 'ssh-key', label: 'key', expiresAt: T0 + 60 * MIN });
    vi.setSystemTime(T0 + 57 * MIN);
    clock.check(); // the host's "resumed" signal
    expect(summary()).toEqual(['k:expiring:5']);
    clock.dispose();
  });

  it('a clock set back does not announce again; set forward it announces what is due', () => {
    const { clock, summary } = setup();
    clock.register({ id: 'k', kind: 'ssh-key', label: 'key', expiresAt: T0 + 20 * MIN });
    vi.advanceTimersByTime(6 * MIN);
    expect(summary()).toEqual(['k:expiring:15']);
    vi.setSystemTime(T0 - 60 * MIN); // back an hour
    vi.advanceTimersByTime(60_000);
    vi.setSystemTime(T0 + 6 * MIN);
    vi.advanceTimersByTime(60_000);
    expect(summary()).toEqual(['k:expiring:15']);
    vi.setSystemTime(T0 + 25 * MIN); // forward past expiry
    vi.advanceTimersByTime(30_000);
    expect(summary()).toEqual(['k:expiring:15', 'k:expired']);
    clock.dispose();
  });

  it('tries the silent refresh first: success moves the expiry and no warning is given', async () => {
    const { clock, summary } = setup();
    const refresh = vi.fn(async (): Promise<number | undefined> => Date.now() + 60 * MIN);
    clock.register({ id: 'sso:acme', kind: 'sso', label: 'acme', expiresAt: T0 + 20 * MIN, refresh });
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(summary()).toEqual([]);
    expect(clock.list()[0]!.expiresAt).toBe(T0 + 65 * MIN);
    // The new expiry gets its own warnings in due course (the refresh is tried again first).
    refresh.mockResolvedValue(undefined);
    await vi.advanceTimersByTimeAsync(45 * MIN);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(summary()).toEqual(['sso:acme:expiring:15']);
    clock.dispose();
  });

  it('a refresh that cannot get out of the window (lead time longer than the life) warns instead of looping', async () => {
    const { clock, summary } = setup({ leadTimesMs: [90 * MIN] });
    const refresh = vi.fn(async (): Promise<number | undefined> => Date.now() + 61 * MIN);
    clock.register({ id: 'sso:acme', kind: 'sso', label: 'acme', expiresAt: T0 + 60 * MIN, refresh });
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(summary()).toEqual(['sso:acme:expiring:90']);
    expect(clock.list()[0]!.expiresAt).toBe(T0 + 61 * MIN);
    clock.dispose();
  });

  it('a failed refresh (undefined or thrown) warns, once per stage', async () => {
    const { clock, summary } = setup();
    const refresh = vi.fn(async (): Promise<number | undefined> => {
      throw new Error('refresh token revoked');
    });
    clock.register({ id: 'sso:acme', kind: 'sso', label: 'acme', expiresAt: T0 + 16 * MIN, refresh });
    await vi.advanceTimersByTimeAsync(1 * MIN);
    expect(summary()).toEqual(['sso:acme:expiring:15']);
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(summary()).toEqual(['sso:acme:expiring:15']);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(summary()).toEqual(['sso:acme:expiring:15', 'sso:acme:expiring:5', 'sso:acme:expired']);
    expect(refresh).toHaveBeenCalledTimes(2); // once at 15, once at 5; never at expiry
    clock.dispose();
  });

  it('a later expiry after a warning (signed in again) voids the warning with "renewed"', async () => {
    const { clock, summary } = setup();
    clock.register({ id: 'sso:acme', kind: 'sso', label: 'acme', expiresAt: T0 + 10 * MIN });
    expect(summary()).toEqual(['sso:acme:expiring:15']);
    clock.register({ id: 'sso:acme', kind: 'sso', label: 'acme', expiresAt: T0 + 8 * 60 * MIN });
    expect(summary()).toEqual(['sso:acme:expiring:15', 'sso:acme:renewed']);
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(summary()).toHaveLength(2);
    clock.dispose();
  });

  it('lead times are configurable and validated', () => {
    const { clock, summary } = setup({ leadTimesMs: [2 * MIN] });
    clock.register({ id: 'k', kind: 'ssh-key', label: 'key', expiresAt: T0 + 10 * MIN });
    vi.advanceTimersByTime(8 * MIN);
    expect(summary()).toEqual(['k:expiring:2']);
    expect(() => clock.setLeadTimes([0])).toThrow(/positive/);
    clock.dispose();
  });

  it('an unregistered credential fires nothing, and the list is soonest first', () => {
    const { clock, summary } = setup();
    const off = clock.register({ id: 'a', kind: 'role', label: 'a', expiresAt: T0 + 30 * MIN });
    clock.register({ id: 'b', kind: 'role', label: 'b', expiresAt: T0 + 20 * MIN });
    expect(clock.list().map((c) => c.id)).toEqual(['b', 'a']);
    off();
    vi.advanceTimersByTime(60 * MIN);
    expect(summary()).toEqual(['b:expiring:15', 'b:expiring:5', 'b:expired']);
    clock.dispose();
  });
});
