// SSO sessions as React state, kept live through onDidChangeSessions.
import { useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { SessionsSnapshot } from '../../../common/api/auth';

export function useAuth(client: FumidaiClient): SessionsSnapshot | undefined {
  const [snapshot, setSnapshot] = useState<SessionsSnapshot | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void client.auth.listSessions().then((r) => alive && r.ok && setSnapshot(r.value));
    const off = client.auth.onDidChangeSessions((s) => setSnapshot(s));
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return snapshot;
}

/** Re-renders every `intervalMs` so countdowns move. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** The tray, the status bar and notifications share one countdown format. */
export { formatRemaining as formatCountdown } from '../../../common/tray/trayModel';
