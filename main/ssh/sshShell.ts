// An interactive shell on an SSH connection as a TerminalShell, so it runs in the same tabs, with
// the same flow control and recording, as a Session Manager shell. Back-pressure is SSH's own:
// pausing the channel stops us reading, the channel window is not replenished, and the server
// stops sending. The end carries the remote exit status (or the signal that killed the shell).
import type { Client, ClientChannel } from 'ssh2';
import { FumidaiError } from '../../common/api/errors';
import { Emitter, type Event } from '../../common/event';
import type { ShellEnd, TerminalShell } from '../sessions/terminalShell';

export class SshShell implements TerminalShell {
  private readonly didOutput = new Emitter<Buffer>();
  readonly onDidOutput: Event<Buffer> = this.didOutput.event;
  private readonly didWrite = new Emitter<Buffer>();
  readonly onDidWrite: Event<Buffer> = this.didWrite.event;
  private readonly didResize = new Emitter<{ cols: number; rows: number }>();
  readonly onDidResize: Event<{ cols: number; rows: number }> = this.didResize.event;
  private readonly didEnd = new Emitter<ShellEnd>();
  readonly onDidEnd: Event<ShellEnd> = this.didEnd.event;
  private size: { cols: number; rows: number };
  private exit: { code?: number; signal?: string } | undefined;
  private ended = false;
  private closing = false;

  private constructor(
    private readonly channel: ClientChannel,
    size: { cols: number; rows: number },
    private readonly label: string,
  ) {
    this.size = size;
    // Held until the first resume(): a recorder attaches before any output is delivered.
    channel.pause();
    channel.stderr.pause();
    channel.on('data', (d: Buffer) => this.didOutput.fire(d));
    channel.stderr.on('data', (d: Buffer) => this.didOutput.fire(d));
    channel.on('exit', (code: number | null, signal?: string) => (this.exit = { ...(code !== null ? { code } : {}), ...(signal ? { signal } : {}) }));
    channel.on('close', () => this.finish());
  }

  /** Opens a shell with a PTY of the given size on a logged-in client. */
  static open(client: Client, size: { cols: number; rows: number }, label: string): Promise<SshShell> {
    const s = clamp(size.cols, size.rows);
    return new Promise((resolve, reject) =>
      client.shell({ term: 'xterm-256color', cols: s.cols, rows: s.rows }, (err, channel) => {
        if (err) return reject(new FumidaiError('Network', `${label} did not open a shell: ${err.message}`));
        resolve(new SshShell(channel, s, label));
      }),
    );
  }

  get terminalSize(): { cols: number; rows: number } {
    return { ...this.size };
  }

  write(data: Uint8Array | string): void {
    if (this.ended) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    if (bytes.length === 0) return;
    this.didWrite.fire(bytes);
    this.channel.write(bytes);
  }

  resize(cols: number, rows: number): void {
    const s = clamp(cols, rows);
    if (s.cols === this.size.cols && s.rows === this.size.rows) return;
    this.size = s;
    if (!this.ended) this.channel.setWindow(s.rows, s.cols, 0, 0);
    this.didResize.fire({ ...s });
  }

  pause(): void {
    this.channel.pause();
    this.channel.stderr.pause();
  }

  resume(): void {
    this.channel.resume();
    this.channel.stderr.resume();
  }

  /** Ends the shell from our side (the tab was closed). */
  close(): void {
    if (this.ended) return;
    this.closing = true;
    this.channel.close();
  }

  /** The connection under the shell went away without the shell ending. */
  connectionLost(error?: Error): void {
    if (this.ended) return;
    this.finish(error ?? new Error('the connection was closed'));
  }

  private finish(lostWith?: Error): void {
    if (this.ended) return;
    this.ended = true;
    let end: ShellEnd;
    if (this.closing) end = { reason: 'terminated' };
    else if (this.exit?.code !== undefined) end = { reason: 'closed', exitCode: this.exit.code };
    else if (this.exit?.signal) end = { reason: 'closed', output: `The shell was killed by signal ${this.exit.signal}.` };
    else if (lostWith) end = { reason: 'failed', error: new FumidaiError('Network', `The SSH connection to ${this.label} was lost: ${lostWith.message}.`) };
    else end = { reason: 'closed' };
    this.didEnd.fire(end);
  }
}

function clamp(cols: number, rows: number): { cols: number; rows: number } {
  return { cols: Math.max(1, Math.min(1000, Math.floor(cols))), rows: Math.max(1, Math.min(1000, Math.floor(rows))) };
}
