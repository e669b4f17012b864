// Stand-alone entry of browser mode for `npm run web` (run from sources with tsx, so it works
// before the CLI bundle exists). `fumidai web` runs the same command through the main CLI.
import { runWeb } from './webCommand';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

process.exitCode = await runWeb(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  interrupted,
});
