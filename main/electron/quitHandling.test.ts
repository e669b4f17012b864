import { afterEach, describe, expect, it, vi } from 'vitest';
import { disposeBeforeQuit } from './quitHandling';

vi.mock('electron', () => ({}));
afterEach(() => vi.useRealTimers());

function fakeApp() {
  let onWillQuit: ((e: { preventDefault(): void }) => void) | undefined;
  const app = { on: vi.fn((_e: string, h: typeof onWillQuit) => (onWillQuit = h)), exit: vi.fn() };
  const quit = () => {
    const event = { preventDefault: vi.fn() };
    onWillQuit!(event);
    return event;
  };
  return { app, quit };
}

describe('disposeBeforeQuit', () => {
  it('holds the quit until the core is disposed, then exits once', async () => {
    const { app, quit } = fakeApp();
    let finish!: () => void;
    const dispose = vi.fn(() => new Promise<void>((r) => (finish = r)));
    disposeBeforeQuit(app as never, dispose);
    expect(quit().preventDefault).toHaveBeenCalled();
    quit(); // a second Cmd+Q while disposing
    expect(dispose).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(app.exit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(app.exit).toHaveBeenCalledTimes(1);
  });

  it('still quits when disposing fails or hangs, and says so', async () => {
    vi.useFakeTimers();
    const logs: string[] = [];
    const hung = fakeApp();
    disposeBeforeQuit(hung.app as never, () => new Promise<void>(() => {}), (m) => logs.push(m), 1000);
    hung.quit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(hung.app.exit).toHaveBeenCalledWith(0);

    const failing = fakeApp();
    disposeBeforeQuit(failing.app as never, async () => Promise.reject(new Error('disk full')), (m) => logs.push(m));
    failing.quit();
    await vi.advanceTimersByTimeAsync(0);
    expect(failing.app.exit).toHaveBeenCalledWith(0);
    expect(logs).toEqual([expect.stringContaining('within 1000 ms'), 'shutdown failed: disk full']);
  });
});
