import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from './singleInstance';

vi.mock('electron', () => ({}));

function fakeApp(lock: boolean) {
  const listeners = new Map<string, (...a: unknown[]) => void>();
  return {
    listeners,
    app: { requestSingleInstanceLock: vi.fn(() => lock), on: vi.fn((e: string, h: (...a: unknown[]) => void) => listeners.set(e, h)) },
  };
}

describe('claimSingleInstance', () => {
  it('reports a held lock and listens for nothing', () => {
    const { app, listeners } = fakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app as never, onSecond)).toBe(false);
    expect(listeners.size).toBe(0);
  });

  it('owns the lock and hands each later launch’s argv to the callback', () => {
    const { app, listeners } = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app as never, onSecond)).toBe(true);
    listeners.get('second-instance')!({}, ['/usr/bin/fumidai', 'fumidai://connect/i-1'], '/home/me');
    expect(onSecond).toHaveBeenCalledWith(['/usr/bin/fumidai', 'fumidai://connect/i-1']);
  });
});
