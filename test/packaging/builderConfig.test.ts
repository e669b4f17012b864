// electron-builder.yml is validated offline against electron-builder's own JSON schema, and its
// security-relevant settings are pinned.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const config = parse(readFileSync(`${root}/electron-builder.yml`, 'utf8')) as Record<string, any>;

async function validate(cfg: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util/out/DebugLogger.js');
  await validateConfiguration(cfg, new DebugLogger(false));
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

  it('has a real identity and targets for every OS', () => {
    expect(config.appId).toBe('dev.fumidai.app');
    expect(config.productName).toBe('Fumidai');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toContain('dmg');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.protocols[0].schemes).toEqual(['fumidai']);
  });

  it('hardens the fuses and ships only the built bundles', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**', '!out/**/*.map', '!emulator/**', '!test/**', '!**/.env*']));
    expect(config.files.some((f: string) => /^(main|renderer|common|preload|emulator)\//.test(f))).toBe(false);
  });
});
