// The alerts domain as React state: notification history (kept current with onDidNotify, which
// carries new and updated notifications alike), the credential countdowns, and the tray model.
import { useCallback, useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { AlertsStatus, Notification } from '../../../common/api/alerts';
import type { TrayModel } from '../../../common/tray/trayModel';

export function mergeNotification(list: readonly Notification[], n: Notification): Notification[] {
  const i = list.findIndex((x) => x.id === n.id);
  if (i < 0) return [n, ...list];
  const next = [...list];
  next[i] = n;
  return next;
}

export function useAlerts(client: FumidaiClient) {
  const [history, setHistory] = useState<Notification[]>([]);
  const [status, setStatus] = useState<AlertsStatus>({ credentials: [], unread: 0 });
  const [tray, setTray] = useState<TrayModel | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void client.alerts.history().then((r) => alive && r.ok && setHistory(r.value));
    void client.alerts.status().then((r) => alive && r.ok && setStatus(r.value));
    void client.alerts.trayModel().then((r) => alive && r.ok && setTray(r.value));
    const offs = [
      client.alerts.onDidNotify((n) => setHistory((list) => mergeNotification(list, n))),
      client.alerts.onDidChangeStatus((s) => setStatus(s)),
      client.alerts.onDidChangeTray((m) => setTray(m)),
    ];
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
  }, [client]);
  const markAllRead = useCallback(() => void client.alerts.markAllRead(), [client]);
  const clear = useCallback(() => {
    setHistory([]);
    void client.alerts.clear();
  }, [client]);
  return { history, status, tray, markAllRead, clear };
}
