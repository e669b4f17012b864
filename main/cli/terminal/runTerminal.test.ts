// The raw-terminal loop with fake streams and a fake shell: the terminal is put back on every way
// out, keys and sizes reach the shell, a slow terminal holds the shell's output, and the exit code
// is the one the ending gives.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../../common/event';
import { runTerminal, type RemoteShell } from './runTerminal';
import type { TerminalIo } from './terminalIo';

interface FakeEnd {
  code: number;
}

class FakeShell implements RemoteShell<FakeEnd> {
  readonly output = new Emitter<Buffer>();
  readonly ended = new Emitter<FakeEnd>();
  readonly onDidOutput = this.output.event;
  readonly onDidEnd = this.ended.event;
  readonly written: Buffer[] = [];
  readonly sizes: Array<[number, number]> = [];
  readonly flow: string[] = [];
  write(data: Buffer) {
    this.written.push(Buffer.from(data));
  }
  resize(cols: number, rows: number) {
    this.sizes.push([cols, rows]);
  }
  pause() {
    this.flow.push('pause');
  }
  resume() {
    this.flow.push('resume');
  }
  typed() {
    return Buffer.concat(this.written);
  }
}

/** A terminal made of event emitters: a TTY (raw mode, size) or a pipe, and an output that can be slow. */
function fakeTerminal(opts: { tty: boolean }) {
  const rawModes: boolean[] = [];
  const input = Object.assign(new EventEmitter(), {
    isTTY: opts.tty,
    paused: true,
    resume: vi.fn(function (this: { paused: boolean }) {
      this.paused = false;
    }),
    pause: vi.fn(function (this: { paused: boolean }) {
      this.paused = true;
    }),
    ...(opts.tty ? { setRawMode: (raw: boolean) => rawModes.push(raw) } : {}),
  });
  const written: string[] = [];
  const output = Object.assign(new EventEmitter(), {
    isTTY: opts.tty,
    columns: opts.tty ? 100 : undefined,
    rows: opts.tty ? 30 : undefined,
    slow: false,
    write(chunk: Buffer) {
      written.push(chunk.toString());
      return !this.slow;
    },
  });
  const notices: string[] = [];
  const interrupt = new Emitter<void>();
  const term = {
    input,
    output,
    notice: (t: string) => {
      // The closing words are printed only once the terminal is back in its own mode.
      notices.push(`${rawModes.at(-1) ? '[raw]' : ''}${t}`);
    },
    onInterrupt: (listener: () => void) => interrupt.event(listener),
  } as unknown as TerminalIo;
  return { term, input, output, rawModes, written, notices, interrupt };
}

const ending = (end: FakeEnd) => ({ notice: `bye ${end.code}\r\n`, exitCode: end.code });

describe('runTerminal', () => {
  it('puts a TTY in raw mode while the shell runs, restores it when the shell ends, and returns the exit code', async () => {
    const shell = new FakeShell();
    const t = fakeTerminal({ tty: true });
    const run = runTerminal(shell, t.term, ending);
    expect(t.rawModes).toEqual([true]);
    expect(t.input.paused).toBe(false);
    shell.ended.fire({ code: 7 });
    expect(await run).toBe(7);
    expect(t.rawModes).toEqual([true, false]);
    expect(t.notices).toEqual(['bye 7\r\n']);
    expect(t.input.paused).toBe(true);
    expect(t.input.listenerCount('data')).toBe(0);
    expect(t.input.listenerCount('end')).toBe(0);
    expect(t.output.listenerCount('resize')).toBe(0);
  });

  it('restores the terminal and lets go of stdin when setting up fails', async () => {
    const shell = new FakeShell();
    const t = fakeTerminal({ tty: true });
    t.input.resume.mockImplementation(() => {
      throw new Error('stdin is closed');
    });
    await expect(runTerminal(shell, t.term, ending)).rejects.toThrow('stdin is closed');
    expect(t.rawModes).toEqual([true, false]);
    expect(t.input.listenerCount('data')).toBe(0);
    expect(t.output.listenerCount('resize')).toBe(0);
    expect(shell.ended.listenerCount).toBe(0);
    expect(t.notices).toEqual([]);
  });

  it('sends keys as typed, Ctrl-C included, and stops listening to the interrupt once the shell ended', async () => {
    const shell = new FakeShell();
    const t = fakeTerminal({ tty: true });
    const run = runTerminal(shell, t.term, ending);
    t.input.emit('data', Buffer.from('ls\r'));
    t.input.emit('data', 'é');
    t.input.emit('data', Buffer.from([0x03]));
    // SIGINT (the terminal is not raw, e.g. while a prompt had it) becomes Ctrl-C for the shell.
    t.interrupt.fire();
    expect(shell.typed()).toEqual(Buffer.concat([Buffer.from('ls\ré'), Buffer.from([0x03, 0x03])]));
    // A TTY's end of input is not a Ctrl-D: in raw mode the user types that key themselves.
    const sent = shell.typed().length;
    t.input.emit('end');
    expect(shell.typed().length).toBe(sent);
    shell.ended.fire({ code: 130 });
    expect(await run).toBe(130);
    t.interrupt.fire();
    t.input.emit('data', Buffer.from('late'));
    expect(shell.typed().length).toBe(sent);
    expect(t.interrupt.listenerCount).toBe(0);
    expect(t.rawModes).toEqual([true, false]);
  });

  it('forwards every window-size change and sends no size of its own at the start', async () => {
    const shell = new FakeShell();
    const t = fakeTerminal({ tty: true });
    const run = runTerminal(shell, t.term, ending);
    expect(shell.sizes).toEqual([]);
    t.output.columns = 120;
    t.output.rows = 40;
    t.output.emit('resize');
    t.output.columns = 80;
    t.output.rows = 24;
    t.output.emit('resize');
    shell.ended.fire({ code: 0 });
    await run;
    t.output.emit('resize');
    expect(shell.sizes).toEqual([
      [120, 40],
      [80, 24],
    ]);
  });

  it('pauses the shell while the terminal is slow and resumes it when the terminal drains', async () => {
    const shell = new FakeShell();
    const t = fakeTerminal({ tty: true });
    const run = runTerminal(shell, t.term, ending);
    // The first resume starts delivery (an SSH channel holds its output until then).
    expect(shell.flow).toEqual(['resume']);
    shell.output.fire(Buffer.from('fast '));
    expect(shell.flow).toEqual(['resume']);
    t.output.slow = true;
    shell.output.fire(Buffer.from('slow '));
    expect(shell.flow).toEqual(['resume', 'pause']);
    t.output.slow = false;
    t.output.emit('drain');
    expect(shell.flow).toEqual(['resume', 'pause', 'resume']);
    shell.ended.fire({ code: 0 });
    await run;
    shell.output.fire(Buffer.from('after the end'));
    expect(t.written.join('')).toBe('fast slow ');
  });

  it('leaves a pipe as it is: no raw mode, no sizes, and end of input becomes Ctrl-D', async () => {
    const shell = new FakeShell();
    const t = fakeTerminal({ tty: false });
    const run = runTerminal(shell, t.term, ending);
    t.input.emit('data', Buffer.from('exit 4\n'));
    t.input.emit('end');
    t.output.emit('resize');
    expect(shell.typed()).toEqual(Buffer.concat([Buffer.from('exit 4\n'), Buffer.from([0x04])]));
    expect(shell.sizes).toEqual([]);
    shell.ended.fire({ code: 4 });
    expect(await run).toBe(4);
    expect(t.rawModes).toEqual([]);
    expect(t.notices).toEqual(['bye 4\r\n']);
  });
});
