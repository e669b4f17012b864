// The list behind the notice area, as pure functions: the same error reported again (a retry
// loop, a flapping connection) bumps a counter instead of stacking copies, and only the newest
// few stay on screen so notices never cover the work.
import type { ErrorValue } from '../../../common/api/errors';

export interface Notice {
  id: number;
  error: ErrorValue;
  /** How many times this same code and message were reported while the notice was shown. */
  count: number;
}

export const MAX_NOTICES = 4;

export function addNotice(list: readonly Notice[], error: ErrorValue, id: number): Notice[] {
  const same = list.find((n) => n.error.code === error.code && n.error.message === error.message);
  if (same) return [...list.filter((n) => n !== same), { ...same, error, count: same.count + 1 }];
  return [...list, { id, error, count: 1 }].slice(-MAX_NOTICES);
}

export function removeNotice(list: readonly Notice[], id: number): Notice[] {
  return list.filter((n) => n.id !== id);
}
