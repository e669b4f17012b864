// `fumidai`: the command-line face of the same core services the desktop app uses. It runs under
// plain Node (no Electron), so it works in SSH sessions, scripts and CI.
import type { CliCommand, CliIo } from './command';
import { EXIT } from './command';

export const VERSION = typeof __FUMIDAI_VERSION__ === 'string' ? __FUMIDAI_VERSION__ : '0.0.0-dev';
declare const __FUMIDAI_VERSION__: string | undefined;

export function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: fumidai <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `fumidai <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? `${topic.usage}\n` : usage(commands));
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`fumidai ${VERSION}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`fumidai: unknown command '${name}'.\n\n${usage(commands)}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    io.stderr(`fumidai ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    // Errors that mean "sign in first" get their own exit code so scripts can react.
    const code = (e as { code?: string; exitCode?: number }).exitCode ?? ((e as { code?: string }).code === 'SsoExpired' ? EXIT.signInRequired : EXIT.failure);
    return code;
  }
}
