// The byte stream a terminal tab reads, handed out before its shell may exist (an SSH tab is
// opened while its login still asks questions). Listeners and flow-control calls made before the
// shell arrives are kept and applied to it; an end that happens first is replayed to late listeners.
import type { ByteSource, StreamEnd } from '../../common/api/contract';
import type { TerminalShell } from './terminalShell';

export class TerminalSource implements ByteSource {
  private readonly dataListeners: Array<(chunk: Uint8Array) => void> = [];
  private readonly endListeners: Array<(end: StreamEnd) => void> = [];
  private ended: StreamEnd | undefined;
  private shell: TerminalShell | undefined;
  private paused = false;

  constructor(private readonly onClose: () => void) {}

  /** Connects the shell; `release` resumes a shell that was created holding its output. */
  connect(shell: TerminalShell, release = false): void {
    this.shell = shell;
    shell.onDidOutput((chunk) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (const l of this.dataListeners) l(bytes);
    });
    if (this.paused) shell.pause();
    else if (release) shell.resume();
  }

  end(end: StreamEnd): void {
    if (this.ended) return;
    this.ended = end;
    for (const l of this.endListeners) l(end);
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
  }

  onEnd(listener: (end: StreamEnd) => void): void {
    if (this.ended) listener(this.ended);
    else this.endListeners.push(listener);
  }

  /** Keys typed before the shell exists go nowhere (there is no prompt to type into yet). */
  write(data: Uint8Array): void {
    this.shell?.write(data);
  }

  pause(): void {
    this.paused = true;
    this.shell?.pause();
  }

  resume(): void {
    this.paused = false;
    this.shell?.resume();
  }

  close(): void {
    this.onClose();
  }
}
