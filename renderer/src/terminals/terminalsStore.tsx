// Open terminal tabs, shared by the Instances view (which opens them) and the Sessions view (which
// shows them). A small store with React context; tab state follows the sessions domain's events.
// The list of open tabs is kept in the core (sessions.saveTabs) and offered again at the next
// start: ordinary tabs reconnect by themselves, production tabs wait for a new reason.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FumidaiClient } from '../../../common/api';
import { hostRefOf } from '../../../common/api/inventory';
import type { SavedTab, TerminalSummary } from '../../../common/api/sessions';
import { MAX_SAVED_TABS } from '../../../common/api/sessions';
import { savedTabsOf, type SshTabRoute, type TabTarget } from './tabModel';

export type { TabTarget, SshTabRoute } from './tabModel';

export interface TerminalTabInfo {
  key: string;
  ssoSessionId: string;
  instance: TabTarget;
  /** An SSH tab (through a bastion, or over Session Manager); a Session Manager shell otherwise. */
  ssh?: SshTabRoute;
  reason?: string;
  summary?: TerminalSummary;
  /** Bumped by "reopen": the tab keeps its scrollback and starts a new session. */
  generation: number;
  /** Restored from the last run and waiting for the user (production asks for a reason again). */
  waiting?: boolean;
  /** Why the session could not be started (the tab stays, so it can be reopened). */
  failed?: string;
}

export interface OpenTabRequest {
  ssoSessionId: string;
  instance: TabTarget;
  ssh?: SshTabRoute;
  reason?: string;
}

interface TerminalsValue {
  tabs: TerminalTabInfo[];
  active: string | undefined;
  /** True once the tabs of the last run have been restored (or there were none). */
  restored: boolean;
  open(tab: OpenTabRequest): void;
  close(key: string): void;
  activate(key: string): void;
  setSummary(key: string, summary: TerminalSummary): void;
  setFailed(key: string, message: string): void;
  /** Starts a new session in an ended (or restored) tab, with a new reason for production. */
  reopen(key: string, reason?: string): void;
}

const Ctx = createContext<TerminalsValue | undefined>(undefined);

let keySeq = 0;
const newKey = () => `tab-${Date.now().toString(36)}-${(keySeq++).toString(36)}`;

export function TerminalsProvider({ client, children }: { client: FumidaiClient; children: ReactNode }) {
  const [tabs, setTabs] = useState<TerminalTabInfo[]>([]);
  const [active, setActive] = useState<string | undefined>(undefined);
  const [restored, setRestored] = useState(false);
  useEffect(
    () =>
      client.sessions.onDidChange((summary) =>
        setTabs((ts) => ts.map((t) => (t.summary?.terminalId === summary.terminalId ? { ...t, summary } : t))),
      ),
    [client],
  );
  // Restore the last run's tabs once; production ones wait for a reason.
  useEffect(() => {
    let alive = true;
    void client.sessions.savedTabs().then((r) => {
      if (!alive) return;
      if (r.ok && r.value.length > 0) {
        setTabs((ts) => [
          ...r.value.map((saved): TerminalTabInfo => {
            const { ssoSessionId, ssh, ...instance } = saved;
            // SSH tabs wait too: reconnecting would put host-key and TOTP questions up unasked.
            return { key: newKey(), ssoSessionId, instance, generation: 0, ...(ssh ? { ssh } : {}), ...(saved.environment === 'production' || ssh ? { waiting: true } : {}) };
          }),
          ...ts,
        ]);
      }
      setRestored(true);
    });
    return () => {
      alive = false;
    };
  }, [client]);
  // Keep the core's list in step with the open tabs (after the restore, so it is not wiped first).
  const lastSaved = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!restored) return;
    const list: SavedTab[] = savedTabsOf(tabs).slice(0, MAX_SAVED_TABS);
    const text = JSON.stringify(list);
    if (text === lastSaved.current) return;
    lastSaved.current = text;
    void client.sessions.saveTabs({ tabs: list });
  }, [client, tabs, restored]);

  const open = useCallback((tab: OpenTabRequest) => {
    const key = newKey();
    const instance: TabTarget = { ...hostRefOf(tab.instance), roleName: tab.instance.roleName };
    setTabs((ts) => [...ts, { ssoSessionId: tab.ssoSessionId, instance, ...(tab.ssh ? { ssh: tab.ssh } : {}), ...(tab.reason ? { reason: tab.reason } : {}), key, generation: 0 }]);
    setActive(key);
  }, []);
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;
  const close = useCallback((key: string) => {
    const ts = tabsRef.current;
    const i = ts.findIndex((t) => t.key === key);
    const next = ts.filter((t) => t.key !== key);
    // The neighbour takes focus, as in every tabbed app.
    setActive((a) => (a === key ? next[Math.min(i, next.length - 1)]?.key : a));
    setTabs((current) => current.filter((t) => t.key !== key));
  }, []);
  const reopen = useCallback((key: string, reason?: string) => {
    setTabs((ts) =>
      ts.map((t) => {
        if (t.key !== key) return t;
        const { waiting: _waiting, summary: _summary, reason: _reason, failed: _failed, ...rest } = t;
        return { ...rest, generation: t.generation + 1, ...(reason ? { reason } : {}) };
      }),
    );
    setActive(key);
  }, []);
  const setSummary = useCallback((key: string, summary: TerminalSummary) => setTabs((ts) => ts.map((t) => (t.key === key ? { ...t, summary } : t))), []);
  const setFailed = useCallback((key: string, failed: string) => setTabs((ts) => ts.map((t) => (t.key === key ? { ...t, failed } : t))), []);
  const value = useMemo(
    () => ({ tabs, active: active && tabs.some((t) => t.key === active) ? active : tabs.at(-1)?.key, restored, open, close, activate: setActive, setSummary, setFailed, reopen }),
    [tabs, active, restored, open, close, setSummary, setFailed, reopen],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useTerminals(): TerminalsValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useTerminals outside TerminalsProvider');
  return v;
}
