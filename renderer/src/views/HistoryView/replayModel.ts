// The timeline of a replay, apart from React and xterm: output and resize events with their times,
// long idle gaps shortened (as asciinema's idle limit does, so a session left open over lunch does
// not replay the lunch), and "which events are due at time t" for a player that jumps or plays at
// any speed.
import type { RecordingEvent } from '../../../../common/api/history';

export const IDLE_LIMIT_SECONDS = 2;
export const SPEEDS = [0.5, 1, 2, 4, 8, 16] as const;

export interface TimelineEvent {
  /** Seconds from the start of the replay (idle gaps shortened). */
  at: number;
  kind: 'output' | 'resize' | 'marker';
  data: string;
  cols?: number;
  rows?: number;
}

export function buildTimeline(events: readonly RecordingEvent[], idleLimit = IDLE_LIMIT_SECONDS): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  let last = 0;
  let at = 0;
  for (const [time, code, data] of events) {
    at += Math.min(Math.max(0, time - last), idleLimit);
    last = time;
    if (code === 'o') out.push({ at, kind: 'output', data });
    else if (code === 'r') {
      const m = /^(\d{1,5})x(\d{1,5})$/.exec(data);
      if (m) out.push({ at, kind: 'resize', data, cols: Number(m[1]), rows: Number(m[2]) });
    } else if (code === 'm') out.push({ at, kind: 'marker', data });
    // "i" (keystrokes, when recorded) are not replayed: the output already shows their echo.
  }
  return out;
}

export function durationOf(timeline: readonly TimelineEvent[]): number {
  return timeline.at(-1)?.at ?? 0;
}

/** The index of the first event after time `t` (so events [from, result) are due by `t`). */
export function dueUntil(timeline: readonly TimelineEvent[], t: number, from = 0): number {
  let lo = from;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid]!.at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
