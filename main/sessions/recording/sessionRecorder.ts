// Records one shell session as an asciicast v2 file: output as the user saw it, resizes, and
// (only if asked) keystrokes. The header carries who/where/why; when the session ends the header
// is rewritten in place with the end time, duration and exit code (it was written with room to
// spare, so the file is never copied). A recording cut off by a crash still parses; it just has
// no end. Writes are batched and never block the terminal; past `maxBytes` output stops being
// recorded and a marker says so.
import { StringDecoder } from 'node:string_decoder';
import type { FileHandle } from 'node:fs/promises';
import type { RecordingEndCode } from '../../../common/api/history';
import type { TerminalShell } from '../terminalShell';
import { encodeEvent, encodeHeader, type AsciicastEventCode, type AsciicastHeader, type RecordingMetadata } from './asciicast';
import { createRecordingFile, recordingFileName } from './recordingFiles';

/** Room left after the first header for the end-of-session fields. */
const HEADER_RESERVE = 1024;
const FLUSH_BYTES = 64 * 1024;
const FLUSH_INTERVAL_MS = 250;
export const DEFAULT_MAX_RECORDING_BYTES = 512 * 1024 * 1024;

export interface SessionRecorderOptions {
  /** The recordings directory (created 0700 if missing). */
  dir: string;
  metadata: Omit<RecordingMetadata, 'startedAt' | 'endedAt' | 'exitCode' | 'endReason'>;
  /** Terminal size at the start (defaults to the shell's last size, else 80×24). */
  size?: { cols: number; rows: number };
  title?: string;
  /** TERM and SHELL for the header. */
  env?: Record<string, string>;
  /** Keep keystrokes too ("i" events). Off by default: input holds passwords typed at prompts. */
  recordInput?: boolean;
  maxBytes?: number;
  now?: () => number;
  log?: (message: string) => void;
}

export interface RecordingEnd {
  exitCode?: number;
  reason?: string;
  /** A known end as a code, so History can word it in the window's language. */
  code?: RecordingEndCode;
}

export class SessionRecorder {
  private pending: string[] = [];
  private pendingBytes = 0;
  private written = 0;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly started: number;
  private readonly startedPerf = performance.now();
  private readonly decoders = { o: new StringDecoder('utf8'), i: new StringDecoder('utf8') };
  private truncated = false;
  private closing: Promise<void> | undefined;
  private readonly disposers: Array<() => void> = [];
  private readonly headerLength: number;
  private failed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly header: AsciicastHeader & { fumidai: RecordingMetadata },
    private readonly opts: SessionRecorderOptions,
    headerLine: string,
  ) {
    this.started = (opts.now ?? Date.now)();
    this.headerLength = Buffer.byteLength(headerLine);
  }

  /** Creates the file and starts recording `shell`; stops by itself when the session ends. */
  static async start(shell: TerminalShell, opts: SessionRecorderOptions): Promise<SessionRecorder> {
    const now = (opts.now ?? Date.now)();
    const size = opts.size ?? shell.terminalSize ?? { cols: 80, rows: 24 };
    const metadata: RecordingMetadata = { ...opts.metadata, startedAt: new Date(now).toISOString() };
    const header: AsciicastHeader & { fumidai: RecordingMetadata } = {
      version: 2,
      width: size.cols,
      height: size.rows,
      timestamp: Math.floor(now / 1000),
      title: opts.title ?? `${opts.metadata.instanceName ?? opts.metadata.instanceId} (${opts.metadata.roleName}@${opts.metadata.accountId})`,
      env: { TERM: 'xterm-256color', SHELL: '/bin/bash', ...opts.env },
      fumidai: metadata,
    };
    const json = encodeHeader(header);
    const headerLine = `${json}${' '.repeat(HEADER_RESERVE)}\n`;
    const name = recordingFileName(now, opts.metadata.instanceId, opts.metadata.awsSessionId ?? `${now}`);
    const { path, handle } = await createRecordingFile(opts.dir, name);
    const recorder = new SessionRecorder(handle, path, header, opts, headerLine);
    recorder.append(headerLine, true);
    recorder.attach(shell);
    return recorder;
  }

  private attach(shell: TerminalShell): void {
    this.disposers.push(
      shell.onDidOutput((b) => this.event('o', b)),
      shell.onDidResize(({ cols, rows }) => this.text('r', `${cols}x${rows}`)),
      shell.onDidEnd((end) => void this.close({ exitCode: end.exitCode, reason: end.error?.message ?? end.output, ...(end.code ? { code: end.code } : {}) })),
    );
    if (this.opts.recordInput) this.disposers.push(shell.onDidWrite((b) => this.event('i', b)));
  }

  private seconds(): number {
    return (performance.now() - this.startedPerf) / 1000;
  }

  private event(code: 'o' | 'i', bytes: Buffer): void {
    const text = this.decoders[code].write(bytes);
    if (text) this.text(code, text);
  }

  private text(code: AsciicastEventCode, data: string): void {
    if (this.closing || this.failed) return;
    if (this.truncated) return;
    const line = encodeEvent(this.seconds(), code, data);
    if (this.written + this.pendingBytes + line.length > (this.opts.maxBytes ?? DEFAULT_MAX_RECORDING_BYTES)) {
      this.truncated = true;
      this.append(encodeEvent(this.seconds(), 'm', 'recording stopped: size limit reached'), false);
      return;
    }
    this.append(line, false);
  }

  /** Records a marker (e.g. "reconnected"). */
  mark(label: string): void {
    if (!this.closing && !this.failed) this.append(encodeEvent(this.seconds(), 'm', label), false);
  }

  private append(line: string, now: boolean): void {
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (now || this.pendingBytes >= FLUSH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return this.writing;
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.written += data.length;
    this.writing = this.writing.then(async () => {
      if (this.failed) return;
      try {
        await this.handle.write(data);
      } catch (e) {
        this.failed = true;
        this.opts.log?.(`recording ${this.path} stopped: ${(e as Error).message}`);
      }
    });
    return this.writing;
  }

  /** Ends the recording (idempotent): flushes, stamps the end into the header, closes the file. */
  close(end: RecordingEnd = {}): Promise<void> {
    this.closing ??= (async () => {
      for (const d of this.disposers.splice(0)) d();
      for (const code of ['o', 'i'] as const) {
        const rest = this.decoders[code].end();
        if (rest && (code === 'o' || this.opts.recordInput)) this.append(encodeEvent(this.seconds(), code, rest), false);
      }
      await this.flush();
      const endedAt = (this.opts.now ?? Date.now)();
      const finalHeader = {
        ...this.header,
        duration: Number(this.seconds().toFixed(6)),
        fumidai: {
          ...this.header.fumidai,
          endedAt: new Date(endedAt).toISOString(),
          ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}),
          ...(end.reason ? { endReason: end.reason.slice(0, 2000) } : {}),
          ...(end.code ? { endCode: end.code } : {}),
        },
      };
      try {
        let json = encodeHeader(finalHeader);
        if (Buffer.byteLength(json) + 1 > this.headerLength) {
          // An unusually long end reason: keep the header valid and put the end in a marker.
          json = encodeHeader({ ...finalHeader, fumidai: { ...finalHeader.fumidai, endReason: undefined } });
          await this.handle.write(Buffer.from(encodeEvent(this.seconds(), 'm', `ended: ${end.reason ?? ''}`)));
        }
        const pad = this.headerLength - 1 - Buffer.byteLength(json);
        if (pad >= 0 && !this.failed) await this.handle.write(Buffer.from(json + ' '.repeat(pad)), 0, undefined, 0);
      } catch (e) {
        this.opts.log?.(`recording ${this.path}: could not write its end: ${(e as Error).message}`);
      } finally {
        await this.handle.close().catch(() => {});
      }
    })();
    return this.closing;
  }
}
