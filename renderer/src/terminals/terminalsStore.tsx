// Open terminal tabs, shared by the Instances view (which opens them) and the Sessions view (which
// shows them). A tiny store with React context; tab state follows the sessions domain's events.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { InstanceSummary } from '../../../common/api/inventory';
import type { TerminalSummary } from '../../../common/api/sessions';

export interface TerminalTabInfo {
  key: string;
  ssoSessionId: string;
  instance: InstanceSummary;
  reason?: string;
  summary?: TerminalSummary;
}

interface TerminalsValue {
  tabs: TerminalTabInfo[];
  active: string | undefined;
  open(tab: Omit<TerminalTabInfo, 'key'>): void;
  close(key: string): void;
  activate(key: string): void;
  setSummary(key: string, summary: TerminalSummary): void;
}

const Ctx = createContext<TerminalsValue | undefined>(undefined);

export function TerminalsProvider({ client, children }: { client: FumidaiClient; children: ReactNode }) {
  const [tabs, setTabs] = useState<TerminalTabInfo[]>([]);
  const [active, setActive] = useState<string | undefined>(undefined);
  useEffect(
    () =>
      client.sessions.onDidChange((summary) =>
        setTabs((ts) => ts.map((t) => (t.summary?.terminalId === summary.terminalId ? { ...t, summary } : t))),
      ),
    [client],
  );
  const open = useCallback((tab: Omit<TerminalTabInfo, 'key'>) => {
    const key = `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    setTabs((ts) => [...ts, { ...tab, key }]);
    setActive(key);
  }, []);
  const close = useCallback((key: string) => {
    setTabs((ts) => ts.filter((t) => t.key !== key));
    setActive((a) => (a === key ? undefined : a));
  }, []);
  const setSummary = useCallback((key: string, summary: TerminalSummary) => setTabs((ts) => ts.map((t) => (t.key === key ? { ...t, summary } : t))), []);
  const value = useMemo(() => ({ tabs, active: active ?? tabs.at(-1)?.key, open, close, activate: setActive, setSummary }), [tabs, active, open, close, setSummary]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useTerminals(): TerminalsValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useTerminals outside TerminalsProvider');
  return v;
}
