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

export function formatCountdown(ms: number): string {
  if (ms <= 0) return '0:00';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}
