import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { findElectronBinary, electronUnavailableReason } from './demo.mjs';

describe('npm run demo: Electron detection without requiring electron', () => {
  it('finds a binary through ELECTRON_OVERRIDE_DIST_PATH only when the executable is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-electron-'));
    try {
      expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir }, 'linux')).toBeUndefined();
      writeFileSync(join(dir, 'electron'), '');
      expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir }, 'linux')).toBe(join(dir, 'electron'));
      mkdirSync(join(dir, 'Electron.app', 'Contents', 'MacOS'), { recursive: true });
      writeFileSync(join(dir, 'Electron.app', 'Contents', 'MacOS', 'Electron'), '');
      expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir }, 'darwin')).toContain('Electron.app');
      // A binary without a display is still no Electron on Linux.
      expect(electronUnavailableReason({ ELECTRON_OVERRIDE_DIST_PATH: dir }, 'linux')).toMatch(/no display/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains why it falls back to browser mode when no binary is installed', () => {
    const reason = electronUnavailableReason({ ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent', DISPLAY: ':0' }, 'linux');
    expect(reason).toMatch(/no Electron binary/);
  });
});
