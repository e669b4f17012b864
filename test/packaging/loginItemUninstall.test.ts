// The Windows uninstaller removes the launch-at-login Run value Fumidai wrote, except during an
// update (electron-updater runs the old uninstaller then). NSIS cannot run here, so this pins the
// script's parts that matter: it is included, it targets the value Electron writes (named after
// the AppUserModelId, which is the appId), and the removal sits behind the update check.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = parse(readFileSync(`${root}/electron-builder.yml`, 'utf8')) as { appId: string; nsis: { include?: string } };

describe('the Windows uninstaller and launch at login', () => {
  it('is included by the NSIS target and removes the Run value (and its Task Manager mark) only when not updating', () => {
    expect(config.nsis.include).toBe('build/installer.nsh');
    expect(existsSync(`${root}/${config.nsis.include}`)).toBe(true);
    const script = readFileSync(`${root}/${config.nsis.include}`, 'utf8');
    const body = /!macro customUnInstall\n([\s\S]*?)!macroend/.exec(script)?.[1] ?? '';
    const guarded = /\$\{ifNot\} \$\{isUpdated\}\n([\s\S]*?)\$\{endIf\}/.exec(body)?.[1] ?? '';
    expect(guarded).toContain(`DeleteRegValue HKCU "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "${config.appId}"`);
    expect(guarded).toContain(`DeleteRegValue HKCU "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run" "${config.appId}"`);
    // Nothing outside the guard: an update must keep the user's choice.
    expect(body.replace(/\$\{ifNot\} \$\{isUpdated\}[\s\S]*?\$\{endIf\}/, '').trim()).toBe('');
  });

  it('names the value after the id the app registers as its AppUserModelId', () => {
    expect(readFileSync(`${root}/main/electron/index.ts`, 'utf8')).toContain(`const APP_USER_MODEL_ID = '${config.appId}';`);
  });
});
