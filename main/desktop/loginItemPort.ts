// What the core needs from the OS to open Fumidai at login. Each host supplies one: Electron's
// login items on macOS and Windows, an XDG autostart entry on Linux (main/electron/loginItems.ts),
// and an unsupported one with its reason everywhere else (browser mode, a source checkout).
import type { LaunchAtLoginUnsupported } from '../../common/api/desktop';

/** What the OS says now. */
export interface LoginItemReading {
  enabled: boolean;
  /** macOS 13+: registered, but waiting for the user's approval in System Settings. */
  needsApproval?: boolean;
}

export type LoginItemPort =
  | {
      readonly supported: true;
      /** Where the user sees and changes it themselves, named in errors (a file path on Linux). */
      readonly place: string;
      get(): Promise<LoginItemReading>;
      /** Registers or removes; throws a FumidaiError with an actionable message when the OS refuses. */
      set(enabled: boolean): Promise<void>;
    }
  | { readonly supported: false; readonly reason: LaunchAtLoginUnsupported };

/**
 * The reasons in English, for errors and logs. The window words the code itself (its catalogs'
 * English says the same as these; test/i18n/launchAtLoginReasons.test.ts holds them together).
 */
export const UNSUPPORTED_REASONS: Record<LaunchAtLoginUnsupported, string> = {
  unpackaged: 'Launch at login needs the installed app: this copy runs from a source checkout, and would register the bare Electron binary.',
  'browser-mode': 'Launch at login is not available in browser mode, which is meant for development and tests. Install the desktop app to open Fumidai when you log in.',
  platform: 'Fumidai cannot open at login on this operating system.',
  'not-in-applications': 'Move Fumidai to the Applications folder first: this copy runs from somewhere else (a disk image, or Downloads), which macOS would no longer find at your next login.',
};

export function unsupportedLoginItems(reason: LaunchAtLoginUnsupported): LoginItemPort {
  return { supported: false, reason };
}
