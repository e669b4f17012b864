// `fumidai exec <instance-id> -- command args…`: runs one command on an instance through Session
// Manager and returns its exit code. By default without a terminal (AWS-StartNonInteractiveCommand):
// stdout and stderr stay separate when the agent separates them, so `fumidai exec … > out` works
// in scripts. With --tty the command gets a terminal (AWS-StartInteractiveCommand), as for top.
import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { withServices, type CliServicesFactory } from '../services';
import { FumidaiError } from '../../../common/api/errors';
import { CommandSession, type CommandEnd } from '../../ssm/client/commandSession';
import { ShellSession } from '../../ssm/client/shellSession';
import type { StartedSession, SsmSessionApi } from '../../ssm/ssmApi';
import { processTerminal } from '../terminal/terminalIo';
import { TARGET_OPTIONS, TARGET_USAGE, channelFor, checkTargetArgs, runConnect, signInRequired, ssmApiFor, type SsmCommandDeps } from './connect';

export const NON_INTERACTIVE_DOCUMENT = 'AWS-StartNonInteractiveCommand';
export const INTERACTIVE_DOCUMENT = 'AWS-StartInteractiveCommand';

export interface CommandOutput {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  /** Subscribes to local interrupts (Ctrl-C); returns an unsubscriber. */
  onInterrupt?(listener: () => void): () => void;
}

/** Runs a started command session to its end; returns the exit code to use. */
export async function runCommand(session: CommandSession, out: CommandOutput, notice: (text: string) => void): Promise<number> {
  const disposers = [session.onDidStdout((b) => out.stdout(b)), session.onDidStderr((b) => out.stderr(b))];
  let interrupts = 0;
  if (out.onInterrupt) {
    disposers.push(
      out.onInterrupt(() => {
        interrupts += 1;
        // The first Ctrl-C goes to the remote command; a second one stops waiting for it.
        if (interrupts === 1) session.signal('SIGINT');
        else session.close();
      }),
    );
  }
  const end = await new Promise<CommandEnd>((resolve) => disposers.push(session.onDidEnd(resolve)));
  for (const d of disposers) d();
  if (end.reason === 'failed') {
    notice(`fumidai exec: ${end.error?.message ?? 'the session failed'}\n`);
    return EXIT.failure;
  }
  if (end.exitCode !== undefined) return end.exitCode;
  if (end.reason === 'terminated') return 130;
  if (end.output) notice(`fumidai exec: ${end.output}\n`);
  // Without EXIT_CODE (an agent that does not report it) success is all we can say.
  return EXIT.ok;
}

export function execCommand(services: CliServicesFactory, deps: SsmCommandDeps = {}): CliCommand {
  return {
    name: 'exec',
    summary: 'Run a command on an instance through Session Manager and return its exit code',
    usage: [
      'Usage: fumidai exec <instance-id> --account ID --role NAME [--tty] [options] -- command [args…]',
      '',
      TARGET_USAGE,
      '  --tty            give the command a terminal (AWS-StartInteractiveCommand), e.g. for top',
      '',
      'The words after -- are joined with spaces and run by the remote shell, as ssh does, so',
      "quote what the remote shell should see: fumidai exec i-0abc … -- 'ls /var/log | wc -l'.",
      'Without --tty, stdout and stderr are kept apart and the exit code is the command\'s.',
    ].join('\n'),
    async run(args, io: CliIo) {
      const dash = args.indexOf('--');
      const own = dash >= 0 ? args.slice(0, dash) : args;
      const words = dash >= 0 ? args.slice(dash + 1) : [];
      const { values, positionals } = parseArgs({ args: own, allowPositionals: true, options: { ...TARGET_OPTIONS, tty: { type: 'boolean', short: 't' } } });
      if (words.length === 0 || words.join('').trim() === '') {
        io.stderr('fumidai exec: give the command after --, e.g. fumidai exec i-0123456789abcdef0 --account 111122223333 --role Admin -- uptime\n');
        return EXIT.usage;
      }
      if (positionals.length > 1) {
        io.stderr(`fumidai exec: unexpected '${positionals[1]}' before --; the command goes after --.\n`);
        return EXIT.usage;
      }
      const target = checkTargetArgs('exec', positionals[0], values);
      if (typeof target === 'string') {
        io.stderr(`${target}\n`);
        return EXIT.usage;
      }
      const command = words.join(' ');
      return withServices(services, io.env, async (svc) => {
        let api: SsmSessionApi;
        let started: StartedSession;
        try {
          let instanceId: string;
          ({ api, instanceId } = await ssmApiFor(svc, target, io.env, deps));
          started = await api.start({ target: instanceId, documentName: values.tty ? INTERACTIVE_DOCUMENT : NON_INTERACTIVE_DOCUMENT, parameters: { command: [command] }, reason: target.reason });
        } catch (e) {
          const code = signInRequired(e, io);
          if (code !== undefined) return code;
          throw e;
        }
        const channel = channelFor(api, started, deps);
        const session = values.tty ? new ShellSession(channel) : new CommandSession(channel);
        try {
          await channel.open();
        } catch (e) {
          await api.terminate(started.sessionId).catch(() => {});
          throw new FumidaiError('Network', `Could not open the session's data channel: ${(e as Error).message}`);
        }
        if (session instanceof ShellSession) return runConnect(session, (deps.terminal ?? processTerminal)(), started.sessionId);
        const term = deps.terminal?.();
        return runCommand(
          session,
          {
            stdout: (b) => (term ? term.output.write(b) : process.stdout.write(b)),
            stderr: (b) => io.stderr(b.toString('utf8')),
            onInterrupt: term?.onInterrupt ?? processTerminal().onInterrupt,
          },
          io.stderr,
        );
      });
    },
  };
}
