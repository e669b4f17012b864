// The History view's side of recordings: the directory they live in, an entry per file with its
// who/where/why taken from the header, a replay read in chunks (the parsed file is kept for the
// replay in progress, so each chunk does not re-read it), and retention applied at start and daily.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { FumidaiError } from '../../../common/api/errors';
import { MAX_EVENTS_PER_READ, RECORDING_END_CODES, RECORDING_NAME_PATTERN, type ReadRecordingResponse, type RecordingEndCode, type RecordingEntry } from '../../../common/api/history';
import type { TerminalShell } from '../terminalShell';
import type { AsciicastHeader, ParsedRecording, RecordingMetadata } from './asciicast';
import { listRecordings, pruneRecordings, readRecording, recordingPath } from './recordingFiles';
import { SessionRecorder, type RecordingEnd } from './sessionRecorder';

export interface RecordingHistoryOptions {
  dir: string;
  now?: () => number;
  log?: (message: string) => void;
}

export class RecordingHistory {
  private cached: { name: string; version: string; recording: ParsedRecording } | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: RecordingHistoryOptions) {
    this.now = opts.now ?? Date.now;
  }

  get dir(): string {
    return this.opts.dir;
  }

  /** Starts recording a shell; the handle's name is its History entry. */
  async record(shell: TerminalShell, metadata: Omit<RecordingMetadata, 'startedAt'>, size: { cols: number; rows: number }) {
    const recorder = await SessionRecorder.start(shell, { dir: this.opts.dir, metadata, size, now: this.now, log: this.opts.log });
    const name = basename(recorder.path);
    return { name, mark: (label: string) => recorder.mark(label), close: (end?: RecordingEnd) => recorder.close(end) };
  }

  /** Every recording, newest first; a file that cannot be read is listed with why. */
  async list(): Promise<RecordingEntry[]> {
    const files = await listRecordings(this.opts.dir);
    return files.map((f) => entryOf(f.name, f.sizeBytes, f.header, f.problem));
  }

  async read(name: string, fromEvent = 0, maxEvents = MAX_EVENTS_PER_READ): Promise<ReadRecordingResponse> {
    if (!RECORDING_NAME_PATTERN.test(name)) throw new FumidaiError('InvalidRequest', `'${name.slice(0, 80)}' is not a recording name.`);
    const path = recordingPath(this.opts.dir, name);
    let st;
    try {
      st = await stat(path);
    } catch {
      throw new FumidaiError('NotFound', `There is no recording ${name} (it may have been deleted by the retention setting).`);
    }
    const version = `${st.size}:${st.mtimeMs}`;
    if (this.cached?.name !== name || this.cached.version !== version) {
      const parsed = await readRecording(this.opts.dir, name);
      if (!parsed.ok) throw new FumidaiError('InvalidRequest', `${name} cannot be replayed: line ${parsed.problems[0]?.line ?? 1}: ${parsed.problems[0]?.message ?? 'unreadable'}.`);
      this.cached = { name, version, recording: parsed.recording };
    }
    const { recording } = this.cached;
    const count = Math.min(MAX_EVENTS_PER_READ, Math.max(1, maxEvents));
    const events = recording.events.slice(fromEvent, fromEvent + count).map(([t, code, data]) => [t, code, data] as [number, string, string]);
    const next = fromEvent + events.length;
    return {
      entry: entryOf(name, st.size, recording.header),
      events,
      totalEvents: recording.events.length,
      ...(next < recording.events.length ? { nextEvent: next } : {}),
      problems: recording.problems.slice(0, 20),
    };
  }

  /** Deletes recordings older than `days`; returns how many went. */
  async applyRetention(days: number): Promise<number> {
    const deleted = await pruneRecordings(this.opts.dir, { maxAgeDays: days }, this.now());
    if (deleted.length > 0) this.opts.log?.(`recordings: deleted ${deleted.length} older than ${days} days`);
    if (this.cached && deleted.includes(this.cached.name)) this.cached = undefined;
    return deleted.length;
  }
}

function startedAtOf(name: string, header: AsciicastHeader | undefined): number {
  const iso = header?.fumidai?.startedAt ? Date.parse(header.fumidai.startedAt) : NaN;
  if (Number.isFinite(iso)) return iso;
  if (header?.timestamp !== undefined) return header.timestamp * 1000;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : 0;
}

function entryOf(name: string, sizeBytes: number, header: AsciicastHeader | undefined, problem?: string): RecordingEntry {
  const m = header?.fumidai;
  const ended = m?.endedAt ? Date.parse(m.endedAt) : NaN;
  const entry: RecordingEntry = { name, sizeBytes, startedAt: startedAtOf(name, header), complete: header ? (m ? m.endedAt !== undefined : true) : false };
  const put = <K extends keyof RecordingEntry>(key: K, value: RecordingEntry[K] | undefined) => {
    if (value !== undefined) entry[key] = value;
  };
  put('endedAt', Number.isFinite(ended) ? ended : undefined);
  put('durationSeconds', header?.duration);
  put('identity', m?.identity);
  put('accountId', m?.accountId);
  put('accountName', m?.accountName);
  put('roleName', m?.roleName);
  put('instanceId', m?.instanceId);
  put('instanceName', m?.instanceName);
  put('region', m?.region);
  put('reason', m?.reason);
  put('awsSessionId', m?.awsSessionId);
  put('exitCode', m?.exitCode);
  put('endReason', m?.endReason);
  // Only codes this version knows: a newer writer's code falls back to its endReason words.
  put('endCode', (RECORDING_END_CODES as readonly string[]).includes(m?.endCode ?? '') ? (m!.endCode as RecordingEndCode) : undefined);
  put('width', header?.width);
  put('height', header?.height);
  put('problem', problem);
  return entry;
}
