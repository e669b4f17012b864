// The offline packaging check: electron-builder really packages Fumidai (`--linux dir`) with a
// stand-in Electron distribution — a tiny script carrying Electron's fuse sentinel and wire, since
// the real binary cannot be downloaded here — and the resulting app.asar and binary are inspected:
// the built bundles and assets are in; sources, maps, tests, fixtures, .env files and the emulator
// are out; every package the main bundle imports ships, with its dependencies; and the fuses were
// flipped exactly as electron-builder.yml says. Needs the build (`npx electron-vite build`; `npm
// test` builds first). About a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const asar = require('@electron/asar') as { listPackage(p: string): string[]; extractFile(p: string, f: string): Buffer };
const fuses = require('@electron/fuses') as { getCurrentFuseWire(p: string): Promise<Record<string, number | string>> };
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// FuseV1Options order in the binary's wire, and the electron-builder.yml key for each.
const FUSE_KEYS = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];

let work: string;
let appDir: string;
let files: string[];
let log = '';

/** An "Electron" that is a shell script refusing to run, with a fuse wire in Electron's format (every fuse on, as shipped). */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "Fumidai packaging stand-in, not Electron" >&2\nexit 1\n# ');
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, FUSE_KEYS.length]), Buffer.from('1'.repeat(FUSE_KEYS.length)), Buffer.from('\n')]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, wire]), { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'version'), '0.0.0\n');
}

beforeAll(() => {
  if (!existsSync(join(root, 'out', 'main', 'index.js')) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npx electron-vite build` first (`npm test` does this for you).');
  }
  work = mkdtempSync(join(tmpdir(), 'fumidai-pack-'));
  standInElectron(join(work, 'electron-dist'));
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
  const res = spawnSync(bin, ['--linux', 'dir', '--x64', `-c.electronDist=${join(work, 'electron-dist')}`, `-c.directories.output=${join(work, 'release')}`, '--publish', 'never'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });
  log = `${res.stdout}\n${res.stderr}`;
  if (res.status !== 0) throw new Error(`electron-builder --linux dir failed (${res.status}):\n${log.slice(-4000)}`);
  appDir = join(work, 'release', 'linux-unpacked');
  files = asar.listPackage(join(appDir, 'resources', 'app.asar')).map((f) => f.replace(/\\/g, '/'));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --linux dir with a stand-in Electron', () => {
  it('names the binary after the app and ships the tray images beside app.asar', () => {
    expect(existsSync(join(appDir, 'fumidai'))).toBe(true);
    expect(readdirSync(join(appDir, 'resources', 'tray')).length).toBeGreaterThan(0);
  });

  it('puts the built main, preload and renderer bundles and package.json in app.asar', () => {
    for (const f of ['/out/main/index.js', '/out/main/cli.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) expect(files, f).toContain(f);
    expect(files.some((f) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
  });

  it('keeps sources, source maps, tests, fixtures, .env files and the emulator out', () => {
    const ours = files.filter((f) => !f.startsWith('/node_modules/'));
    expect(ours.filter((f) => /\.(ts|tsx|map)$/.test(f) || /\.test\./.test(f) || /(^|\/)\.env/.test(f))).toEqual([]);
    expect(ours.filter((f) => /^\/(emulator|test|main|common|renderer|preload|scripts|docs)(\/|$)/.test(f))).toEqual([]);
    expect(files.filter((f) => /\/fixtures?\//.test(f) || /\/emulator\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    // The demo sandbox is reached only through a run-time path, never bundled.
    const main = files.filter((f) => f.startsWith('/out/main/') && f.endsWith('.js')).map((f) => asar.extractFile(join(appDir, 'resources', 'app.asar'), f.slice(1)).toString('utf8'));
    expect(main.some((code) => code.includes('startEmulator('))).toBe(true); // the loader's call…
    expect(main.some((code) => /class World\b|createSessionBroker|OidcService/.test(code))).toBe(false); // …but none of the emulator itself
  });

  it('flips the fuses exactly as electron-builder.yml says', async () => {
    const wire = await fuses.getCurrentFuseWire(join(appDir, 'fumidai'));
    const state = Object.fromEntries(FUSE_KEYS.map((k, i) => [k, wire[i] === 49]));
    expect(state).toEqual(Object.fromEntries(FUSE_KEYS.map((k) => [k, config.electronFuses[k]])));
    expect(state).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true });
  });

  it('ships every package the main bundle imports', () => {
    const code = files.filter((f) => f.startsWith('/out/main/') && f.endsWith('.js')).map((f) => asar.extractFile(join(appDir, 'resources', 'app.asar'), f.slice(1)).toString('utf8')).join('\n');
    // A specifier is a package name (optionally scoped, with a subpath); prose in the bundle that
    // happens to say from "…" (an error message) is not an import.
    const imported = new Set([...code.matchAll(/(?:\bfrom\s*|\bimport\(\s*|\brequire\(\s*)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@/-]*)?)["']/g)].map((m) => m[1]!).filter((s) => !s.startsWith('node:') && s !== 'electron').map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)));
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((p) => !files.includes(`/node_modules/${p}/package.json`))).toEqual([]);
  });

  // A checkout whose node_modules is a symlink (a git worktree sharing another's) makes
  // electron-builder's dependency walk miss hoisted packages; CI has a real node_modules.
  it.skipIf(lstatSync(join(root, 'node_modules')).isSymbolicLink())('ships the dependencies of those packages too, so the app can start', () => {
    const pkgPath = (dir: string) => `${dir}/package.json`;
    const readPkg = (dir: string) => JSON.parse(asar.extractFile(join(appDir, 'resources', 'app.asar'), pkgPath(dir).slice(1)).toString('utf8')) as { dependencies?: Record<string, string> };
    const resolveFrom = (dir: string, name: string): string | undefined => {
      for (let d = dir; ; d = d.slice(0, d.lastIndexOf('/node_modules/'))) {
        const candidate = `${d}/node_modules/${name}`;
        if (files.includes(pkgPath(candidate))) return candidate;
        if (!d.includes('/node_modules/')) return undefined;
      }
    };
    const top = readPkg('');
    const missing: string[] = [];
    const seen = new Set<string>();
    const queue = Object.keys(top.dependencies ?? {}).map((n) => ({ from: '', name: n }));
    while (queue.length) {
      const { from, name } = queue.shift()!;
      const at = resolveFrom(from, name);
      if (!at) {
        missing.push(`${name} (needed by ${from || 'Fumidai'})`);
        continue;
      }
      if (seen.has(at)) continue;
      seen.add(at);
      for (const dep of Object.keys(readPkg(at).dependencies ?? {})) queue.push({ from: at, name: dep });
    }
    expect(missing).toEqual([]);
  });
});
