import { describe, expect, it, vi } from 'vitest';
import { rememberWindowState } from './windowMemory';

vi.mock('electron', () => ({}));

function fakeWindow(maximized: boolean) {
  const handlers = new Map<string, () => void>();
  return {
    handlers,
    win: {
      on: vi.fn((e: string, h: () => void) => handlers.set(e, h)),
      getNormalBounds: () => ({ x: 5, y: 6, width: 1100, height: 700 }),
      isMaximized: () => maximized,
      maximize: vi.fn(),
    },
  };
}

describe('rememberWindowState', () => {
  it('reopens maximized when it was, and saves the normal bounds on close', () => {
    const { win, handlers } = fakeWindow(true);
    const save = vi.fn();
    rememberWindowState(win as never, { bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: true }, save);
    expect(win.maximize).toHaveBeenCalled();
    handlers.get('close')!();
    expect(save).toHaveBeenCalledWith({ bounds: { x: 5, y: 6, width: 1100, height: 700 }, maximized: true });
  });

  it('leaves a window without saved state at its default size', () => {
    const { win } = fakeWindow(false);
    rememberWindowState(win as never, undefined, vi.fn());
    expect(win.maximize).not.toHaveBeenCalled();
  });
});
