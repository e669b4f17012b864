import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import type { CliCommand, CliIo } from './command';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, interrupted: new Promise(() => {}) };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'Print the arguments',
  usage: 'Usage: fumidai echo <words...>',
  async run(args, { stdout }) {
    if (args[0] === 'boom') throw new Error('it broke');
    stdout(args.join(' '));
    return 0;
  },
};

describe('runCli', () => {
  it('lists commands for no arguments and --help', async () => {
    const a = io();
    expect(await runCli([], [echo], a.value)).toBe(0);
    expect(a.out()).toContain('echo  Print the arguments');
  });

  it('runs a command and shows its usage on --help', async () => {
    const a = io();
    expect(await runCli(['echo', 'hi', 'there'], [echo], a.value)).toBe(0);
    expect(a.out()).toBe('hi there');
    const b = io();
    await runCli(['echo', '--help'], [echo], b.value);
    expect(b.out()).toContain('Usage: fumidai echo');
  });

  it('exits 2 with the command list for an unknown command', async () => {
    const a = io();
    expect(await runCli(['nope'], [echo], a.value)).toBe(2);
    expect(a.err()).toContain("unknown command 'nope'");
  });

  it('turns a thrown error into exit 1 with a message, not a stack trace', async () => {
    const a = io();
    expect(await runCli(['echo', 'boom'], [echo], a.value)).toBe(1);
    expect(a.err()).toBe('fumidai echo: it broke\n');
  });
});
