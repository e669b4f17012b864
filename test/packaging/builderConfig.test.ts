// electron-builder.yml is validated offline against electron-builder's own JSON schema (a broken
// copy must be rejected), and its security-relevant settings are pinned: fuses, asar, what ships,
// signing entitlements, and the files it refers to.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { checkFeedUrl, DEFAULT_UPDATE_FEED_URL } from '../../common/updates/feed';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const config = parse(readFileSync(`${root}/electron-builder.yml`, 'utf8')) as Record<string, any>;

async function validate(cfg: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util/out/DebugLogger.js');
  await validateConfiguration(cfg, new DebugLogger(false));
}

/** electron-builder's `files` semantics: patterns in order, the last one that matches decides. */
function ships(path: string): boolean {
  let included = false;
  for (const pattern of config.files as string[]) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema', async () => {
    await expect(validate(structuredClone(config))).resolves.toBeUndefined();
  });

  it('is rejected with a schema path when broken', async () => {
    await expect(validate({ ...structuredClone(config), linux: { ...config.linux, categroy: 'Development' } })).rejects.toThrow(/configuration\.linux/);
    await expect(validate({ ...structuredClone(config), asar: 'yes-please' })).rejects.toThrow(/configuration\.asar/);
    await expect(validate({ ...structuredClone(config), electronFuses: { runAsNode: 'no' } })).rejects.toThrow(/electronFuses/);
  });

  it('has a real identity, the fumidai:// scheme and targets for every OS', () => {
    expect(config.appId).toBe('dev.fumidai.app');
    expect(config.productName).toBe('Fumidai');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Development');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: 'universal' },
      { target: 'zip', arch: 'universal' },
    ]);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: ['fumidai'] })]);
  });

  it('hardens the fuses (checklist #19) and packs the app into an asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', '**/spawn-helper']));
  });

  it('ships the built bundles and package.json, and no sources, maps, tests, emulator, fixtures or .env', () => {
    for (const p of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js']) expect(ships(p), p).toBe(true);
    for (const p of [
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      'main/electron/index.ts',
      'renderer/App.tsx',
      'common/api/app.ts',
      'emulator/cli.ts',
      'emulator/fixtures/org.yaml',
      'test/e2e/app.e2e.test.ts',
      'out/main/thing.test.js',
      '.env',
      '.env.local',
      'out/.env',
      'electron-builder.yml',
      'README.md',
    ])
      expect(ships(p), p).toBe(false);
  });

  it('signs macOS with the hardened runtime and only the JIT entitlement', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    const plist = readFileSync(`${root}/${config.mac.entitlements}`, 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
  });

  it('keeps electron-builder’s deb dependencies and install script (AppArmor, chrome-sandbox)', () => {
    expect(config.deb?.depends).toBeUndefined();
    expect(config.deb?.afterInstall).toBeUndefined();
  });

  it('publishes to the generic feed the app checks by default (electron-updater reads it from app-update.yml)', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: DEFAULT_UPDATE_FEED_URL });
    expect(checkFeedUrl(config.publish.url)).toEqual({ ok: true, url: DEFAULT_UPDATE_FEED_URL });
  });

  it('refers only to files that exist', () => {
    for (const p of [config.mac.icon, config.win.icon, `${config.linux.icon}/512x512.png`, config.mac.entitlements, ...config.extraResources.map((r: { from: string }) => r.from)])
      expect(existsSync(`${root}/${p}`), p).toBe(true);
  });
});
