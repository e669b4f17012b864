// Launch at login through the OS: Electron's login items on macOS (SMAppService on macOS 13+) and
// Windows (the Run key), an XDG autostart entry on Linux. The core reads and changes it through the
// LoginItemPort this returns; what the OS says is always asked again, never remembered.
import type { App } from 'electron';
import { isAbsolute } from 'node:path';
import { linuxLoginItem } from '../desktop/linuxLoginItem';
import { unsupportedLoginItems, type LoginItemPort } from '../desktop/loginItemPort';
import { HIDDEN_AT_LOGIN_ARG, launchedAtLogin } from '../desktop/startup';

export type LoginItemsApp = Pick<App, 'isPackaged' | 'getLoginItemSettings' | 'setLoginItemSettings' | 'isInApplicationsFolder'>;

export interface LoginItemsHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** Windows names the Run-key value after the AppUserModelId (index.ts sets it before ready). */
  appUserModelId: string;
  /** Linux: the autostart folder (tests); $XDG_CONFIG_HOME/autostart otherwise. */
  autostartDir?: string;
}

const LOGIN_ARGS = [HIDDEN_AT_LOGIN_ARG];

export function electronLoginItems(app: LoginItemsApp, host: LoginItemsHost): LoginItemPort {
  // `electron .` would register the Electron binary itself, which opens its default app at login.
  if (!app.isPackaged) return unsupportedLoginItems('unpackaged');
  switch (host.platform) {
    case 'darwin':
      return macLoginItem(app);
    case 'win32':
      return windowsLoginItem(app, host);
    case 'linux':
      return linuxLoginItem({ executable: linuxExecutable(host.env, host.execPath), args: LOGIN_ARGS, ...(host.autostartDir ? { dir: host.autostartDir } : {}) });
    default:
      return unsupportedLoginItems('platform');
  }
}

/**
 * macOS: the main app as a login item. It cannot carry arguments (openAsHidden is gone on macOS
 * 13+), so a login start is recognised by `wasOpenedAtLogin` instead. macOS may hold a new login
 * item for the user's approval: registered, but not yet opened at login. A copy outside the
 * Applications folder (the disk image, or Gatekeeper's translocated copy of a download) would be
 * registered at a path that is gone by the next login, so it is not offered there.
 */
function macLoginItem(app: LoginItemsApp): LoginItemPort {
  if (!app.isInApplicationsFolder()) return unsupportedLoginItems('not-in-applications');
  return {
    supported: true,
    place: 'System Settings › General › Login Items',
    get: async () => {
      const s = app.getLoginItemSettings();
      const needsApproval = s.status === 'requires-approval';
      return { enabled: s.openAtLogin || needsApproval, ...(needsApproval ? { needsApproval: true } : {}) };
    },
    set: async (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
  };
}

/**
 * Windows: a value in HKCU\…\Run. Electron compares the whole command line when reading it back, so
 * reads pass the same path and args as writes. The path is quoted: a user name with a space puts
 * one in the per-user install folder, and an unquoted Run command with spaces is ambiguous.
 * Task Manager's "Disable" leaves the Run value and marks it in StartupApproved, which Electron
 * reports per launch item: disabled there means off here.
 */
function windowsLoginItem(app: LoginItemsApp, host: LoginItemsHost): LoginItemPort {
  const path = `"${host.execPath}"`;
  return {
    supported: true,
    place: 'Settings › Apps › Startup (or Task Manager › Startup apps)',
    get: async () => {
      const s = app.getLoginItemSettings({ path, args: LOGIN_ARGS });
      const ours = (s.launchItems ?? []).find((item) => item.scope === 'user' && item.name === host.appUserModelId);
      return { enabled: s.openAtLogin && ours?.enabled !== false };
    },
    // enabled: true also clears a "Disabled" mark Task Manager left, so turning it on here works.
    set: async (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, path, args: LOGIN_ARGS, enabled: true }),
  };
}

/**
 * The file the autostart entry runs. An AppImage runs from a temporary mount that is gone after
 * it quits, so the entry must start the .AppImage file itself ($APPIMAGE). Only when this process
 * really runs from that mount: a deb-installed Fumidai started from a terminal that is itself an
 * AppImage inherits that terminal's APPIMAGE and APPDIR.
 */
export function linuxExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  const image = env['APPIMAGE'];
  const mount = env['APPDIR'];
  if (image && isAbsolute(image) && mount && execPath.startsWith(`${mount.replace(/\/+$/, '')}/`)) return image;
  return execPath;
}

/** Whether the OS opened this process at login (argument on Windows and Linux, the OS on macOS). */
export function wasLaunchedAtLogin(app: Pick<App, 'getLoginItemSettings'>, argv: readonly string[], platform: NodeJS.Platform): boolean {
  return launchedAtLogin(argv, platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true);
}
