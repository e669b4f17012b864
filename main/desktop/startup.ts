// How Fumidai starts when the OS opens it at login: quietly, in the tray, so logging in does not
// put a window in front of the user. Only when the tray really started — without one (a Linux
// session with no tray area) a hidden start would leave an app running that nobody can reach.

/** Passed by the login item on Windows and the autostart entry on Linux. */
export const HIDDEN_AT_LOGIN_ARG = '--hidden';

/**
 * Whether this start came from the login item: the argument on Windows and Linux; on macOS the
 * login item cannot pass arguments, and the app asks the OS instead (`wasOpenedAtLogin`).
 */
export function launchedAtLogin(argv: readonly string[], openedAtLoginByOs = false): boolean {
  return openedAtLoginByOs || argv.includes(HIDDEN_AT_LOGIN_ARG);
}

/** The window opens at start unless this is a login start and the tray is there to reach the app. */
export function opensWindowAtStart(start: { launchedAtLogin: boolean; hasTray: boolean }): boolean {
  return !(start.launchedAtLogin && start.hasTray);
}
