// The raw-terminal loop shared by `fumidai connect` (a Session Manager shell) and `fumidai ssh`
// (an SSH shell channel): the user's terminal is handed to the remote shell until it ends, and
// put back the way it was on every way out — the shell ending, an error, or an exception while
// setting up.
import type { Event } from '../../../common/event';
import type { TerminalIo } from './terminalIo';
import { terminalSize } from './terminalIo';

/** What the loop needs from the remote side; ShellSession and TerminalShell both fit. */
export interface RemoteShell<End> {
  readonly onDidOutput: Event<Buffer>;
  readonly onDidEnd: Event<End>;
  write(data: Buffer): void;
  resize(cols: number, rows: number): void;
  /** Stop delivering output (our terminal is slow); the far side is held back, nothing is lost. */
  pause(): void;
  resume(): void;
}

/** What the user reads when the session is over, and the exit code the command returns. */
export interface TerminalEnding {
  notice: string;
  exitCode: number;
}

const CTRL_C = Buffer.from([0x03]);
const CTRL_D = Buffer.from([0x04]);

/**
 * Runs `shell` in the user's terminal until it ends; returns `ending(end).exitCode`.
 * A TTY goes into raw mode, so every key (Ctrl-C included, as 0x03) reaches the remote shell; a
 * pipe stays as it is, SIGINT becomes 0x03 and end of input becomes Ctrl-D. Window-size changes
 * are forwarded; the size at the start is the caller's (SSH sends it with the pty request).
 * When the terminal cannot keep up, the shell's output is paused until the terminal drains.
 */
export async function runTerminal<End>(shell: RemoteShell<End>, term: TerminalIo, ending: (end: End) => TerminalEnding): Promise<number> {
  const { input, output } = term;
  const raw = Boolean(input.isTTY && input.setRawMode);
  const cleanups: Array<() => void> = [];
  const ended = new Promise<End>((resolve) => cleanups.push(shell.onDidEnd(resolve)));
  let end: End;
  try {
    if (raw) {
      input.setRawMode!(true);
      cleanups.push(() => input.setRawMode!(false));
    }
    const onResize = () => {
      const size = terminalSize(term);
      if (size) shell.resize(size.cols, size.rows);
    };
    output.on('resize', onResize);
    cleanups.push(() => output.removeListener('resize', onResize));

    const onData = (data: Buffer | string) => shell.write(typeof data === 'string' ? Buffer.from(data) : data);
    const onEnd = () => {
      if (!raw) shell.write(CTRL_D);
    };
    input.on('data', onData);
    input.on('end', onEnd);
    cleanups.push(() => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.pause();
    });
    input.resume();
    if (term.onInterrupt) cleanups.push(term.onInterrupt(() => shell.write(CTRL_C)));

    // A slow terminal holds the session's output rather than buffering without bound.
    cleanups.push(
      shell.onDidOutput((chunk) => {
        if (!output.write(chunk)) {
          shell.pause();
          output.once('drain', () => shell.resume());
        }
      }),
    );
    // An SSH channel holds its output until the first resume (so nothing is missed before we
    // listen); for a Session Manager shell that is not paused this is a no-op.
    shell.resume();
    end = await ended;
  } finally {
    // The terminal is restored before the closing words, so they print in the user's own mode.
    for (const c of cleanups.reverse()) c();
  }
  const { notice, exitCode } = ending(end);
  term.notice(notice);
  return exitCode;
}
