#!/usr/bin/env node
// `npm run web [-- --port N --no-open …]`: Fumidai in the default browser (browser mode). Builds
// the UI first if it has never been built (pass --build to rebuild), then runs the browser-mode
// host from sources. Ctrl-C stops it cleanly. See main/browser/webCommand.ts for the options.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs `electron-vite build`; returns false (having said why) if it failed. */
export function build() {
  console.log('Building Fumidai (electron-vite build)…');
  const res = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (res.status !== 0) {
    console.error('\nThe build failed (see above); fix it and run the command again.');
    return false;
  }
  return true;
}

export function rendererBuilt() {
  return existsSync(join(root, 'out', 'renderer', 'index.html'));
}

/**
 * Runs a child in the foreground until it exits and resolves with its exit code. Ctrl-C reaches the
 * child directly (same process group); we only wait for it to finish cleaning up.
 */
export function runForeground(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    const forward = (signal) => () => {
      if (child.exitCode === null) child.kill(signal);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.once('error', (e) => {
      console.error(`Could not start ${command}: ${e.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

/** The browser-mode host from sources (tsx), so it works before the CLI bundle exists. */
export function runBrowserMode(args, env = process.env) {
  return runForeground(process.execPath, ['--import', 'tsx', join(root, 'main', 'browser', 'cli.ts'), ...args], env);
}

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--build');
  const passThrough = args.filter((a) => a !== '--build');
  if ((force || !rendererBuilt()) && !build()) return 1;
  if (!rendererBuilt()) {
    console.error('The build finished but out/renderer/index.html is missing: the renderer entry (renderer/index.html) may not exist yet.');
    return 1;
  }
  return runBrowserMode(passThrough);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
