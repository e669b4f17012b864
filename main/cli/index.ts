// Entry point of the `fumidai` CLI (bundled to out/main/cli.js, run by bin/fumidai.cjs).
import { runCli } from './cli';
import { COMMANDS } from './commands';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const code = await runCli(process.argv.slice(2), COMMANDS, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  interrupted,
});
process.exitCode = code;
