import { describe, expect, it, vi } from 'vitest';
import { UPDATE_CHECK_INTERVAL_MS, UpdatePolicy, type UpdatePolicyDeps } from './updatePolicy';

function setup(results: Array<string | null | Error>, live = 0) {
  let tick: (() => void) | undefined;
  const deps: UpdatePolicyDeps = {
    updater: {
      checkAndDownload: vi.fn(async () => {
        const next = results.shift() ?? null;
        if (next instanceof Error) throw next;
        return next;
      }),
      quitAndInstall: vi.fn(),
    },
    liveSessionCount: () => live,
    onReady: vi.fn(),
    log: vi.fn(),
    setInterval: vi.fn((fn: () => void, ms: number) => {
      expect(ms).toBe(UPDATE_CHECK_INTERVAL_MS);
      tick = fn;
      return () => (tick = undefined);
    }),
  };
  return { deps, policy: new UpdatePolicy(deps), tick: () => tick?.() };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('UpdatePolicy', () => {
  it('checks at start and daily, and announces a downloaded version once', async () => {
    const { deps, policy, tick } = setup([null, '2.0.0']);
    policy.start();
    await settle();
    expect(deps.onReady).not.toHaveBeenCalled();
    tick();
    await settle();
    expect(deps.onReady).toHaveBeenCalledWith('2.0.0');
    tick();
    await settle();
    expect(deps.updater.checkAndDownload).toHaveBeenCalledTimes(2);
    expect(policy.readyVersion).toBe('2.0.0');
  });

  it('logs an unreachable feed instead of throwing', async () => {
    const { deps, policy } = setup([new Error('ENOTFOUND updates.example')]);
    await policy.check();
    expect(deps.log).toHaveBeenCalledWith('update check failed: ENOTFOUND updates.example');
  });

  it('never restarts while sessions are live', async () => {
    const { deps, policy } = setup(['2.0.0'], 1);
    expect(policy.install()).toEqual({ installed: false, reason: 'no-update' });
    await policy.check();
    expect(policy.install()).toEqual({ installed: false, reason: 'sessions-live' });
    expect(deps.updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('restarts into the update when no session is live', async () => {
    const { deps, policy } = setup(['2.0.0'], 0);
    await policy.check();
    expect(policy.install()).toEqual({ installed: true });
    expect(deps.updater.quitAndInstall).toHaveBeenCalledOnce();
  });
});
