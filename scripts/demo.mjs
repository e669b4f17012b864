#!/usr/bin/env node
// `npm run demo`: builds Fumidai and starts it — in Electron where an Electron binary is present and
// a display is available, otherwise in browser mode (prints the URL and opens the default browser).
//
// The embedded AWS emulator goes behind the demo so a newcomer sees the whole product without an
// AWS account: `startEmbeddedEmulator()` below starts `npm run emulator -- --json` when the emulator
// exists and points Fumidai at it the standard way (AWS_ENDPOINT_URL), with a private HOME so the
// demo never touches the user's ~/.aws or settings.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { build, root, runBrowserMode, runForeground } from './web.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/**
 * Where an Electron binary is, if one is installed. Never `require('electron')`: without a binary
 * that starts a download. We look where the electron package itself would look.
 */
export function findElectronBinary(env = process.env, platform = process.platform) {
  const exe = platform === 'darwin' ? join('Electron.app', 'Contents', 'MacOS', 'Electron') : platform === 'win32' ? 'electron.exe' : 'electron';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, exe);
    return existsSync(p) ? p : undefined;
  }
  const pkg = join(root, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const p = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(p) ? p : undefined;
}

/** Why Electron cannot start here, or undefined if it can. */
export function electronUnavailableReason(env = process.env, platform = process.platform) {
  if (!findElectronBinary(env, platform)) return 'no Electron binary is installed (node_modules/electron has no dist/; ELECTRON_OVERRIDE_DIST_PATH is unset)';
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY / WAYLAND_DISPLAY unset)';
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) return 'the Electron main bundle (out/main/index.js) was not built';
  return undefined;
}

/**
 * DEMO HOOK — the embedded emulator. Starts `npm run emulator -- --json` (one JSON line on stdout:
 * {"endpoint","region","startUrl","users"}), writes a demo ~/.aws/config with an sso-session for
 * its start URL under a private HOME, and returns the environment Fumidai should run with. Returns
 * undefined (and says so) while the emulator is not part of this checkout.
 */
export async function startEmbeddedEmulator() {
  if (!existsSync(join(root, 'emulator', 'cli.ts'))) {
    console.log('Note: the embedded AWS emulator is not part of this checkout yet; Fumidai will use your real AWS configuration.');
    return undefined;
  }
  const child = spawn(npx, ['tsx', join(root, 'emulator', 'cli.ts'), '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('the emulator did not report its endpoint within 60 s')), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`the emulator printed something other than its JSON summary: ${line.slice(0, 200)}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (code ${code}) before it was ready`));
    });
  });
  const home = mkdtempSync(join(tmpdir(), 'fumidai-demo-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'config'),
    `[sso-session fumidai-demo]\nsso_start_url = ${info.startUrl}\nsso_region = ${info.region}\nsso_registration_scopes = sso:account:access\n`,
    { mode: 0o600 },
  );
  console.log(`AWS emulator running at ${info.endpoint} (region ${info.region}).`);
  for (const u of info.users ?? []) console.log(`  demo sign-in: ${u.username} / ${u.password}`);
  return {
    env: {
      HOME: home,
      USERPROFILE: home,
      AWS_CONFIG_FILE: join(home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      AWS_ENDPOINT_URL: info.endpoint,
      AWS_REGION: info.region,
      FUMIDAI_CONFIG_DIR: join(home, 'fumidai'),
    },
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

async function main() {
  const args = process.argv.slice(2);
  if (!build()) return 1;
  let emulator;
  try {
    emulator = await startEmbeddedEmulator();
  } catch (e) {
    console.error(`The embedded AWS emulator did not start: ${e.message}. Continuing against your real AWS configuration.`);
  }
  const env = { ...process.env, ...emulator?.env };
  try {
    const reason = electronUnavailableReason(env);
    if (!reason) {
      console.log('Starting Fumidai in Electron…');
      return await runForeground(npx, ['electron-vite', 'preview'], env);
    }
    console.log(`Starting Fumidai in browser mode: ${reason}.`);
    return await runBrowserMode(args, env);
  } finally {
    emulator?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
