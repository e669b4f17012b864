// asciicast v2 (the asciinema file format): a JSON header line, then one JSON array per event,
// `[seconds, code, data]` with code "o" (output), "i" (input), "r" (resize, "COLSxROWS") or
// "m" (marker). Our recordings add a `fumidai` object to the header with who, where and why; other
// players ignore unknown header keys.
//
// The parser never throws and never trusts the file: every problem comes back with its line
// number, bad event lines are skipped, and sizes and counts are bounded.
import { z } from 'zod';

export interface RecordingMetadata {
  /** Who ran the session (the SSO user / principal). */
  identity: string;
  accountId: string;
  accountName?: string;
  roleName: string;
  instanceId: string;
  instanceName?: string;
  region?: string;
  /** The reason given at start (also sent as StartSession's Reason). */
  reason?: string;
  awsSessionId?: string;
  /** ISO 8601. */
  startedAt: string;
  endedAt?: string;
  exitCode?: number;
  endReason?: string;
  /** How it ended, when Fumidai words it (RECORDING_END_CODES). */
  endCode?: string;
}

export interface AsciicastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix seconds. */
  timestamp?: number;
  duration?: number;
  title?: string;
  env?: Record<string, string>;
  fumidai?: RecordingMetadata;
}

export type AsciicastEventCode = 'o' | 'i' | 'r' | 'm';
export type AsciicastEvent = [time: number, code: string, data: string];

const short = (max: number) => z.string().max(max);
const MetadataSchema = z.object({
  identity: short(512),
  accountId: short(64),
  accountName: short(512).optional(),
  roleName: short(256),
  instanceId: short(128),
  instanceName: short(512).optional(),
  region: short(64).optional(),
  reason: short(1024).optional(),
  awsSessionId: short(256).optional(),
  startedAt: short(64),
  endedAt: short(64).optional(),
  exitCode: z.number().int().optional(),
  endReason: short(4096).optional(),
  endCode: short(64).optional(),
});

const HeaderSchema = z.object({
  version: z.literal(2),
  width: z.number().int().min(1).max(10_000),
  height: z.number().int().min(1).max(10_000),
  timestamp: z.number().finite().optional(),
  duration: z.number().finite().min(0).optional(),
  title: short(4096).optional(),
  env: z.record(short(256), short(4096)).optional(),
  fumidai: MetadataSchema.optional(),
});

export function encodeHeader(header: AsciicastHeader): string {
  return JSON.stringify(header);
}

export function encodeEvent(seconds: number, code: AsciicastEventCode, data: string): string {
  return `[${seconds.toFixed(6)}, ${JSON.stringify(code)}, ${JSON.stringify(data)}]\n`;
}

export interface ParseProblem {
  line: number;
  message: string;
}

export interface ParsedRecording {
  header: AsciicastHeader;
  events: AsciicastEvent[];
  /** Lines that were skipped, and why (at most `maxProblems`). */
  problems: ParseProblem[];
  /** False when the recording never got its end (the app stopped while recording). */
  complete: boolean;
}

export type ParseResult = { ok: true; recording: ParsedRecording } | { ok: false; problems: ParseProblem[] };

export interface ParseLimits {
  maxEvents?: number;
  maxLineLength?: number;
  maxProblems?: number;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'header'}: ${i.message}`)
    .join('; ');
}

export function parseAsciicast(text: string, limits: ParseLimits = {}): ParseResult {
  const maxEvents = limits.maxEvents ?? 5_000_000;
  const maxLine = limits.maxLineLength ?? 4 * 1024 * 1024;
  const maxProblems = limits.maxProblems ?? 100;
  const problems: ParseProblem[] = [];
  let suppressed = 0;
  const problem = (line: number, message: string) => {
    if (problems.length < maxProblems) problems.push({ line, message });
    else suppressed += 1;
  };
  // Iterate lines without splitting a huge file into one giant array.
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string | undefined => {
    if (pos >= text.length) return undefined;
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end > pos && text[end - 1] === '\r' ? end - 1 : end);
    pos = end + 1;
    lineNo += 1;
    return line;
  };

  let first = nextLine();
  if (first !== undefined && first.charCodeAt(0) === 0xfeff) first = first.slice(1);
  if (first === undefined || first.trim() === '') return { ok: false, problems: [{ line: 1, message: 'the file is empty; an asciicast v2 file starts with a JSON header line' }] };
  if (first.length > maxLine) return { ok: false, problems: [{ line: 1, message: `the header line is longer than ${maxLine} characters` }] };
  let rawHeader: unknown;
  try {
    rawHeader = JSON.parse(first);
  } catch {
    return { ok: false, problems: [{ line: 1, message: 'the header is not valid JSON (is this an asciicast v2 file?)' }] };
  }
  if (rawHeader && typeof rawHeader === 'object' && 'version' in rawHeader && rawHeader.version !== 2) {
    return { ok: false, problems: [{ line: 1, message: `asciicast version ${JSON.stringify((rawHeader as { version: unknown }).version)} is not supported (only version 2)` }] };
  }
  const header = HeaderSchema.safeParse(rawHeader);
  if (!header.success) return { ok: false, problems: [{ line: 1, message: `invalid header: ${describe(header.error)}` }] };

  const events: AsciicastEvent[] = [];
  let lastTime = 0;
  for (let line = nextLine(); line !== undefined; line = nextLine()) {
    if (line.trim() === '') continue;
    if (line.length > maxLine) {
      problem(lineNo, `line is longer than ${maxLine} characters`);
      continue;
    }
    if (events.length >= maxEvents) {
      problem(lineNo, `more than ${maxEvents} events; the rest is ignored`);
      break;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problem(lineNo, 'not valid JSON');
      continue;
    }
    if (!Array.isArray(value) || value.length !== 3) {
      problem(lineNo, 'an event must be an array [time, code, data]');
      continue;
    }
    const [time, code, data] = value as unknown[];
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
      problem(lineNo, 'the event time must be a non-negative number of seconds');
      continue;
    }
    if (typeof code !== 'string' || code.length === 0 || code.length > 16) {
      problem(lineNo, 'the event code must be a short string such as "o"');
      continue;
    }
    if (typeof data !== 'string') {
      problem(lineNo, 'the event data must be a string');
      continue;
    }
    if (time < lastTime) {
      problem(lineNo, `time ${time} goes backwards (previous event at ${lastTime})`);
      continue;
    }
    if (code === 'r' && !/^\d{1,5}x\d{1,5}$/.test(data)) {
      problem(lineNo, `a resize event needs "COLSxROWS", got ${JSON.stringify(data.slice(0, 40))}`);
      continue;
    }
    lastTime = time;
    events.push([time, code, data]);
  }
  if (suppressed > 0) problems.push({ line: lineNo, message: `${suppressed} more problems not listed` });
  const h = header.data as AsciicastHeader;
  return { ok: true, recording: { header: h, events, problems, complete: h.fumidai ? h.fumidai.endedAt !== undefined : true } };
}
