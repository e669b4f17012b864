// What a terminal tab is about, apart from React: the host it connects to, and the list kept for
// the next start. Pure functions, tested without a DOM.
import type { HostRef } from '../../../common/api/inventory';
import type { SavedTab, TerminalSummary } from '../../../common/api/sessions';

/** The host a tab connects to: a host reference with the role it connects as. */
export type TabTarget = HostRef & { roleName: string };

/** How an SSH tab reaches its host (a tab without one is a Session Manager shell). */
export type SshTabRoute = NonNullable<SavedTab['ssh']>;

export interface TabLike {
  ssoSessionId: string;
  instance: TabTarget;
  ssh?: SshTabRoute;
}

/** The open tabs as the core keeps them (never a reason). */
export function savedTabsOf(tabs: readonly TabLike[]): SavedTab[] {
  return tabs.map((t) => ({
    ssoSessionId: t.ssoSessionId,
    instanceId: t.instance.instanceId,
    accountId: t.instance.accountId,
    region: t.instance.region,
    roleName: t.instance.roleName,
    name: t.instance.name,
    ...(t.instance.accountName !== undefined ? { accountName: t.instance.accountName } : {}),
    ...(t.instance.environment !== undefined ? { environment: t.instance.environment } : {}),
    ...(t.ssh ? { ssh: { ...t.ssh } } : {}),
  }));
}

export type TabState = TerminalSummary['state'] | 'waiting' | 'failed';

/** What the tab's badge says: the session's state, or that the tab waits for the user. */
export function tabState(tab: { waiting?: boolean; summary?: TerminalSummary; failed?: boolean }): TabState {
  if (tab.waiting) return 'waiting';
  if (tab.failed) return 'failed';
  return tab.summary?.state ?? 'connecting';
}
