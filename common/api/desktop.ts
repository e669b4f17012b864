// The `desktop` domain: how Fumidai fits into the user's desktop session. Launch at login is read
// from the OS every time (the user may turn it off in System Settings, Task Manager or by deleting
// the autostart entry), never from settings.json, so the checkbox always shows what will happen.
import { z } from 'zod';
import { defineDomain, invoke } from './contract';

/**
 * Why launch at login is not offered here, as a code the window words in its language:
 * unpackaged, a source checkout run with `electron .` (it would register the bare Electron
 * binary); browser-mode, the browser host is for development and tests; platform, an OS Fumidai
 * has no login-item support for; not-in-applications, a macOS copy running from outside the
 * Applications folder (a disk image, or translocated by Gatekeeper from Downloads), whose path
 * would be gone by the next login.
 */
export const LaunchAtLoginUnsupportedSchema = z.enum(['unpackaged', 'browser-mode', 'platform', 'not-in-applications']);
export type LaunchAtLoginUnsupported = z.infer<typeof LaunchAtLoginUnsupportedSchema>;

export const LaunchAtLoginStateSchema = z.object({
  supported: z.boolean(),
  /** Registered to open at login, as the OS reports it now. */
  enabled: z.boolean(),
  /** Present when not supported. */
  reason: LaunchAtLoginUnsupportedSchema.optional(),
  /**
   * macOS 13+: registered, but macOS will not open Fumidai at login until the user allows it in
   * System Settings › General › Login Items.
   */
  needsApproval: z.boolean().optional(),
});
export type LaunchAtLoginState = z.infer<typeof LaunchAtLoginStateSchema>;

export const SetLaunchAtLoginRequestSchema = z.object({ enabled: z.boolean() }).strict();

export const desktopDomain = defineDomain('desktop', {
  /** Asks the OS whether Fumidai opens at login (the Settings page calls this each time it opens). */
  getLaunchAtLogin: invoke({ request: z.undefined(), response: LaunchAtLoginStateSchema }),
  /** Registers or removes the login item and answers with the state the OS reports afterwards. */
  setLaunchAtLogin: invoke({ request: SetLaunchAtLoginRequestSchema, response: LaunchAtLoginStateSchema }),
});
