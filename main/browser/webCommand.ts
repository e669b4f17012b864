// `fumidai web` (and `npm run web`): runs Fumidai in the default browser, for machines without a
// desktop session for Electron (headless Linux, WSL, a jump box reached over SSH port-forwarding).
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand, CliIo } from '../cli/command';
import { EXIT } from '../cli/command';
import { defaultConfigDir } from '../platform/paths';
import { startBrowserHost, type BrowserHost } from './host';
import { openLaunchPage, type LaunchPage } from './launchPage';
import { sourceCheckoutSandbox } from '../demo/sandboxLoader';

export const WEB_USAGE = [
  'Usage: fumidai web [--port N] [--no-open] [--renderer-dir DIR] [--config-dir DIR]',
  '',
  'Serves the Fumidai UI on http://127.0.0.1 and opens it in your default browser. The printed link',
  'carries a key that changes on every launch; only a browser that opened it can use the app.',
  '',
  'Options:',
  '  --port N            listen on this port (default: a random free port)',
  '  --no-open           print the link without opening a browser',
  '  --renderer-dir DIR  the built UI (default: the one next to this build, out/renderer)',
  '  --config-dir DIR    where settings live (default: the desktop app\'s, or $FUMIDAI_CONFIG_DIR)',
  '',
  'Press Ctrl-C to stop.',
].join('\n');

export const webCommand: CliCommand = {
  name: 'web',
  summary: 'Run Fumidai in your browser (browser mode)',
  usage: WEB_USAGE,
  run: runWeb,
};

export async function runWeb(args: string[], io: CliIo, open: (url: string) => Promise<LaunchPage | void> = openLaunchPage): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        'renderer-dir': { type: 'string' },
        'config-dir': { type: 'string' },
      },
    }));
  } catch (e) {
    io.stderr(`fumidai web: ${(e as Error).message}\n\n${WEB_USAGE}\n`);
    return EXIT.usage;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`fumidai web: --port must be a number from 0 to 65535, not '${values.port}'.\n`);
    return EXIT.usage;
  }
  const rendererDir = values['renderer-dir'] ? resolve(values['renderer-dir']) : findRendererDir();
  if (!rendererDir) {
    io.stderr('fumidai web: the UI is not built. Run `npm run build` (or `npm run web`, which builds first).\n');
    return EXIT.failure;
  }
  let host: BrowserHost;
  try {
    host = await startBrowserHost({
      rendererDir,
      configDir: values['config-dir'] ? resolve(values['config-dir']) : defaultConfigDir(io.env),
      port,
      env: io.env,
      log: (m) => io.stderr(`${m}\n`),
      // From sources (main/browser/) or the built CLI (out/main/), the checkout is two levels up;
      // an installed app has no emulator there and the demo button explains that.
      demo: sourceCheckoutSandbox(join(dirname(fileURLToPath(import.meta.url)), '..', '..'), (m) => io.stderr(`${m}\n`)),
    });
  } catch (e) {
    io.stderr(`fumidai web: ${(e as Error).message}\n`);
    return EXIT.failure;
  }
  io.stdout(`Fumidai is running in browser mode. Open this link (it is your key to this session; do not share it):\n\n  ${host.url}\n\nPress Ctrl-C to stop.\n`);
  let launch: LaunchPage | void = undefined;
  if (!values['no-open']) {
    try {
      launch = await open(host.url);
    } catch (e) {
      io.stderr(`fumidai web: could not open a browser (${(e as Error).message}); open the link above yourself.\n`);
    }
  }
  await io.interrupted;
  io.stdout('\nStopping Fumidai…\n');
  await launch?.dispose();
  await host.close();
  return EXIT.ok;
}

/** The built UI next to this code: out/renderer from sources, ../renderer from out/main. */
export function findRendererDir(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  const candidates = [join(from, '..', 'renderer'), join(from, '..', '..', 'out', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
