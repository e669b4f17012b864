import { describe, expect, it } from 'vitest';
import { parseWindowState, restorableWindowState } from './windowState';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('window state', () => {
  it('parses a stored state and rejects malformed ones', () => {
    expect(parseWindowState({ bounds: { x: 10, y: 20, width: 800, height: 600 }, maximized: true })).toEqual({
      bounds: { x: 10, y: 20, width: 800, height: 600 },
      maximized: true,
    });
    expect(parseWindowState(null)).toBeUndefined();
    expect(parseWindowState({ bounds: { x: 'a', y: 0, width: 800, height: 600 } })).toBeUndefined();
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 10, height: 10 } })).toBeUndefined();
  });

  it('restores on a display that is still present', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 900, height: 700 }, maximized: false };
    expect(restorableWindowState(saved, [primary, right])).toEqual(saved);
  });

  it('drops a state whose display is gone', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 900, height: 700 }, maximized: true };
    expect(restorableWindowState(saved, [primary])).toBeUndefined();
    expect(restorableWindowState(undefined, [primary])).toBeUndefined();
  });

  it('shrinks bounds larger than the display they are on', () => {
    const saved = { bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false };
    expect(restorableWindowState(saved, [primary])?.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });
});
