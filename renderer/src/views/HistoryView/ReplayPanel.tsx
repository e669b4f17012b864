// Replays one recording in a read-only terminal: play/pause, speed, restart, and a position
// slider. The recording is read in chunks; playing starts once it is all there (a long session is
// a few chunks). Keystrokes never reach anything: the terminal takes no input.
import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import type { RecordingEntry, RecordingEvent } from '../../../../common/api/history';
import { useI18n } from '../../i18n/i18n';
import { formatDuration } from '../SessionsView/format';
import { SPEEDS, buildTimeline, dueUntil, durationOf, type TimelineEvent } from './replayModel';

type Registry = Map<string, Terminal>;
declare global {
  interface Window {
    /** Present only under automation: lets e2e tests read the replay terminal's buffer. */
    __fumidaiReplay?: Registry;
  }
}

interface Props {
  client: FumidaiClient;
  entry: RecordingEntry;
  fontSize: number;
  onError: (e: ErrorValue) => void;
}

export function ReplayPanel({ client, entry, fontSize, onError }: Props) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | undefined>(undefined);
  const [timeline, setTimeline] = useState<TimelineEvent[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const [position, setPosition] = useState(0);
  // Where the player is: the time shown and the next event to write.
  const cursor = useRef({ time: 0, next: 0 });

  // Load every chunk.
  useEffect(() => {
    let alive = true;
    setTimeline(undefined);
    setProblem(undefined);
    void (async () => {
      const events: RecordingEvent[] = [];
      let from: number | undefined = 0;
      while (from !== undefined) {
        const r = await client.history.read({ name: entry.name, fromEvent: from });
        if (!alive) return;
        if (!r.ok) {
          setProblem(r.message);
          onError(r);
          return;
        }
        events.push(...r.value.events);
        from = r.value.nextEvent;
      }
      setTimeline(buildTimeline(events));
      setPlaying(true);
    })();
    return () => {
      alive = false;
    };
  }, [client, entry.name, onError]);

  // The read-only terminal, sized like the recording.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({ cols: entry.width ?? 80, rows: entry.height ?? 24, fontSize, disableStdin: true, cursorBlink: false, scrollback: 10_000, allowProposedApi: true, fontFamily: 'ui-monospace, "Cascadia Mono", "Noto Sans Mono", Menlo, monospace' });
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(el);
    termRef.current = term;
    cursor.current = { time: 0, next: 0 };
    setPosition(0);
    if (navigator.webdriver) (window.__fumidaiReplay ??= new Map()).set(entry.name, term);
    return () => {
      window.__fumidaiReplay?.delete(entry.name);
      termRef.current = undefined;
      term.dispose();
    };
    // A new recording gets a new terminal; the font size applies below.
  }, [entry.name]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.fontSize = fontSize;
  }, [fontSize]);

  // The player: writes what is due, frame by frame, at the chosen speed.
  useEffect(() => {
    const term = termRef.current;
    if (!playing || !timeline || !term) return;
    const duration = durationOf(timeline);
    let last = performance.now();
    let frame = 0;
    const tick = (now: number) => {
      const c = cursor.current;
      c.time = Math.min(duration, c.time + ((now - last) / 1000) * speed);
      last = now;
      const until = dueUntil(timeline, c.time, c.next);
      writeEvents(term, timeline, c.next, until);
      c.next = until;
      setPosition(c.time);
      if (c.next >= timeline.length) {
        setPlaying(false);
        return;
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, timeline]);

  const seek = (time: number) => {
    const term = termRef.current;
    if (!term || !timeline) return;
    // Going back means replaying from the start: a terminal cannot un-write.
    if (time < cursor.current.time) {
      term.reset();
      cursor.current = { time: 0, next: 0 };
    }
    const until = dueUntil(timeline, time, cursor.current.next);
    writeEvents(term, timeline, cursor.current.next, until);
    cursor.current = { time, next: until };
    setPosition(time);
  };

  const duration = timeline ? durationOf(timeline) : 0;
  const finished = timeline !== undefined && cursor.current.next >= timeline.length;
  return (
    <section className="replay" aria-label={t('history.replay', { name: entry.instanceName ?? entry.instanceId ?? entry.name })} data-testid="replay">
      <div className="replay__controls">
        <button
          type="button"
          className="button button--primary button--small"
          disabled={!timeline}
          data-testid="replay-play"
          onClick={() => {
            if (finished) seek(0);
            setPlaying((p) => !p || finished);
          }}
        >
          {playing ? t('history.pause') : finished ? t('history.again') : t('history.play')}
        </button>
        <label className="replay__speed">
          <span>{t('history.speed')}</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="replay-speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <input
          type="range"
          min={0}
          max={Math.max(duration, 0.001)}
          step={0.1}
          value={position}
          disabled={!timeline}
          aria-label={t('history.position')}
          onChange={(e) => seek(Number(e.target.value))}
          data-testid="replay-position"
        />
        <span className="muted replay__time" data-testid="replay-time">
          {formatDuration(position)} / {formatDuration(duration)}
        </span>
      </div>
      {!timeline && !problem && <p className="muted">{t('app.loading')}</p>}
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      <div className="replay__screen">
        <div ref={host} className="terminal terminal--replay" data-testid="replay-terminal" />
      </div>
    </section>
  );
}

function writeEvents(term: Terminal, timeline: readonly TimelineEvent[], from: number, to: number): void {
  let text = '';
  for (let i = from; i < to; i++) {
    const e = timeline[i]!;
    if (e.kind === 'output') text += e.data;
    else if (e.kind === 'resize' && e.cols && e.rows) {
      if (text) term.write(text);
      text = '';
      term.resize(Math.min(e.cols, 500), Math.min(e.rows, 200));
    } else if (e.kind === 'marker') text += `\r\n\x1b[2m[${e.data}]\x1b[0m\r\n`;
  }
  if (text) term.write(text);
}
