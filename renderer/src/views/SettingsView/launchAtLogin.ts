// The Start up section's logic, apart from React so it can be tested over the mock client: a
// change that fails leaves the checkbox showing what the OS really has (asked again), never what
// was clicked, and keeps the core's explanation to show beside it.
import type { FumidaiClient } from '../../../../common/api';
import type { LaunchAtLoginState, LaunchAtLoginUnsupported } from '../../../../common/api/desktop';
import type { MessageKey } from '../../i18n/i18n';

export interface LaunchAtLoginView {
  /** What the OS has now; undefined when even reading it failed. */
  state?: LaunchAtLoginState;
  /** Why the last read or change failed, in the core's words. */
  problem?: string;
}

export async function readLaunchAtLogin(client: FumidaiClient): Promise<LaunchAtLoginView> {
  const r = await client.desktop.getLaunchAtLogin();
  return r.ok ? { state: r.value } : { problem: r.message };
}

export async function changeLaunchAtLogin(client: FumidaiClient, enabled: boolean): Promise<LaunchAtLoginView> {
  const r = await client.desktop.setLaunchAtLogin({ enabled });
  if (r.ok) return { state: r.value };
  const now = await client.desktop.getLaunchAtLogin();
  return { ...(now.ok ? { state: now.value } : {}), problem: r.message };
}

/** Each reason's words; the English ones say what the core says (test/i18n/launchAtLoginReasons.test.ts). */
export const UNSUPPORTED_KEYS: Record<LaunchAtLoginUnsupported, MessageKey> = {
  unpackaged: 'settings.startup.unsupported.unpackaged',
  'browser-mode': 'settings.startup.unsupported.browserMode',
  platform: 'settings.startup.unsupported.platform',
  'not-in-applications': 'settings.startup.unsupported.notInApplications',
};

/** The line under the checkbox: why it is unavailable, the step macOS waits for, or what it does. */
export function launchAtLoginHint(state: LaunchAtLoginState): MessageKey {
  if (!state.supported) return UNSUPPORTED_KEYS[state.reason ?? 'platform'];
  if (state.needsApproval) return 'settings.startup.needsApproval';
  return 'settings.startup.launchAtLogin.hint';
}
