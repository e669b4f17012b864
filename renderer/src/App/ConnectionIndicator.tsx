// Shows whether the UI is connected to the core (always, in Electron; over a WebSocket that can
// drop, in browser mode).
import { useEffect, useMemo, useState } from 'react';
import { getConnectionStatus, type ConnectionState } from '../platform';
import { useI18n, type MessageKey } from '../i18n/i18n';

const LABELS: Record<ConnectionState, MessageKey> = {
  connecting: 'status.connecting',
  open: 'status.connected',
  reconnecting: 'status.reconnecting',
  closed: 'status.disconnected',
};

export function ConnectionIndicator() {
  const { t } = useI18n();
  const status = useMemo(() => getConnectionStatus(), []);
  const [state, setState] = useState<ConnectionState>(status.state);
  useEffect(() => {
    // The connection may have opened between the first render and this subscription.
    setState(status.state);
    return status.onDidChange(setState);
  }, [status]);
  return (
    <span className={`statusbar__item statusbar__conn statusbar__conn--${state}`} role="status">
      <span className="dot" aria-hidden="true" />
      {t(LABELS[state] ?? 'status.connecting')}
    </span>
  );
}
