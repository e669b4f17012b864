// Where recordings live and how long: file names that cannot escape the recordings directory,
// files only the user can read (0600, directory 0700), a listing for the History view that reads
// only each file's header, and retention by age and count.
import { constants, createReadStream } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { FumidaiError } from '../../../common/api/errors';
import { RECORDING_NAME_PATTERN } from '../../../common/api/history';
import { parseAsciicast, type AsciicastHeader, type ParseProblem, type ParsedRecording } from './asciicast';

export const RECORDING_EXTENSION = '.cast';
/** One pattern for the contract and the files (common/api/history.ts). */
const NAME_RE = RECORDING_NAME_PATTERN;

/** Keeps letters, digits, dot and dash; no leading dots; at most 64 characters. */
export function sanitizeNamePart(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 64).replace(/[.-]+$/, '');
  return cleaned || 'unnamed';
}

export function recordingFileName(startedAtMs: number, instanceId: string, sessionId: string): string {
  const stamp = new Date(startedAtMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${stamp}_${sanitizeNamePart(instanceId)}_${sanitizeNamePart(sessionId)}${RECORDING_EXTENSION}`;
}

export function isRecordingFileName(name: string): boolean {
  return NAME_RE.test(name);
}

/** The full path of a recording, refusing any name that would leave `dir`. */
export function recordingPath(dir: string, name: string): string {
  const root = resolve(dir);
  const full = resolve(root, name);
  if (basename(name) !== name || !isRecordingFileName(name) || resolve(full, '..') !== root) {
    throw new FumidaiError('InvalidRequest', `'${name.slice(0, 80)}' is not a recording name.`);
  }
  return full;
}

export async function ensureRecordingsDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/** Creates a new recording file (never opens an existing file or follows a symlink), mode 0600. */
export async function createRecordingFile(dir: string, name: string): Promise<{ path: string; handle: FileHandle }> {
  await ensureRecordingsDir(dir);
  const path = recordingPath(dir, name);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(path, flags, 0o600);
  await chmod(path, 0o600); // whatever the umask said
  return { path, handle };
}

export interface RecordingSummary {
  name: string;
  path: string;
  sizeBytes: number;
  modifiedAt: number;
  header?: AsciicastHeader;
  /** Why the header could not be read. */
  problem?: string;
}

async function readFirstLine(path: string, maxBytes: number): Promise<string> {
  const stream = createReadStream(path, { start: 0, end: maxBytes - 1, encoding: 'utf8' });
  let text = '';
  for await (const chunk of stream) {
    text += chunk as string;
    const nl = text.indexOf('\n');
    if (nl >= 0) {
      stream.destroy();
      return text.slice(0, nl);
    }
  }
  return text;
}

/** Recordings in `dir`, newest first, with their headers (unreadable ones say why). */
export async function listRecordings(dir: string): Promise<RecordingSummary[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: RecordingSummary[] = [];
  for (const name of names.filter(isRecordingFileName)) {
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (!st?.isFile()) continue;
    const summary: RecordingSummary = { name, path, sizeBytes: st.size, modifiedAt: st.mtimeMs };
    try {
      const parsed = parseAsciicast(await readFirstLine(path, 64 * 1024));
      if (parsed.ok) summary.header = parsed.recording.header;
      else summary.problem = parsed.problems[0]?.message;
    } catch (e) {
      summary.problem = (e as Error).message;
    }
    out.push(summary);
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

export const MAX_RECORDING_READ_BYTES = 256 * 1024 * 1024;

/** Reads and parses one recording by name (bounded size; problems reported with line numbers). */
export async function readRecording(dir: string, name: string, maxBytes = MAX_RECORDING_READ_BYTES): Promise<{ ok: true; recording: ParsedRecording } | { ok: false; problems: ParseProblem[] }> {
  const path = recordingPath(dir, name);
  const st = await lstat(path);
  if (!st.isFile()) throw new FumidaiError('InvalidRequest', `${name} is not a regular file.`);
  if (st.size > maxBytes) throw new FumidaiError('InvalidRequest', `${name} is ${Math.round(st.size / 1048576)} MB, more than the ${Math.round(maxBytes / 1048576)} MB a replay reads.`);
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    return parseAsciicast(await handle.readFile({ encoding: 'utf8' }));
  } finally {
    await handle.close();
  }
}

export interface RetentionPolicy {
  /** Delete recordings older than this many days (by their start time in the name). */
  maxAgeDays?: number;
  /** Keep at most this many recordings (the newest). */
  maxCount?: number;
}

/** Applies retention; returns the names deleted. Only files named like our recordings are touched. */
export async function pruneRecordings(dir: string, policy: RetentionPolicy, now = Date.now()): Promise<string[]> {
  const all = await listRecordings(dir);
  const doomed = new Set<string>();
  if (policy.maxAgeDays !== undefined && policy.maxAgeDays >= 0) {
    const cutoff = now - policy.maxAgeDays * 86_400_000;
    for (const r of all) if (startedAtFromName(r.name) < cutoff) doomed.add(r.name);
  }
  if (policy.maxCount !== undefined && policy.maxCount >= 0) for (const r of all.slice(policy.maxCount)) doomed.add(r.name);
  const deleted: string[] = [];
  for (const name of doomed) {
    try {
      await unlink(recordingPath(dir, name));
      deleted.push(name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return deleted;
}

function startedAtFromName(name: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : 0;
}
