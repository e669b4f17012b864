// The main window reopens where it was left, but only if that place still exists: a monitor may
// have been unplugged or rearranged since, and a window restored off-screen cannot be reached.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const MIN_VISIBLE = 64;
const MIN_SIZE = { width: 480, height: 320 };

/** Parses a stored state leniently: anything malformed means "no saved state", never a crash. */
export function parseWindowState(raw: unknown): WindowState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { bounds, maximized } = raw as Partial<WindowState>;
  if (typeof bounds !== 'object' || bounds === null) return undefined;
  const nums = [bounds.x, bounds.y, bounds.width, bounds.height];
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  if (bounds.width < MIN_SIZE.width || bounds.height < MIN_SIZE.height) return undefined;
  return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved state if its title-bar area is still on some display's work area, else undefined (the
 * caller then centres a default window). Bounds larger than that display are shrunk to fit it.
 */
export function restorableWindowState(saved: WindowState | undefined, workAreas: readonly Rect[]): WindowState | undefined {
  if (!saved) return undefined;
  const titleBar: Rect = { ...saved.bounds, height: MIN_VISIBLE };
  const area = workAreas.find((d) => {
    const o = overlap(titleBar, d);
    return o.width >= MIN_VISIBLE && o.height > 0;
  });
  if (!area) return undefined;
  return {
    maximized: saved.maximized,
    bounds: { ...saved.bounds, width: Math.min(saved.bounds.width, area.width), height: Math.min(saved.bounds.height, area.height) },
  };
}
