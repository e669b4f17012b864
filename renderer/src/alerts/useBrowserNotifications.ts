// Browser mode: notifications the core's rules let through (shown = true) also appear as web
// notifications, while the page is in the background. In the app, Electron's main process shows
// them itself (with the window closed, too), so the renderer stays quiet there.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { NotificationAction } from '../../../common/api/alerts';
import { presentNotification } from '../../../common/alerts/desktopNotifier';
import type { Locale } from '../i18n/i18n';
import { WebNotifier, webNotificationsAvailable } from './webNotifier';

export function useBrowserNotifications(client: FumidaiClient, enabled: boolean, locale: Locale, onAction: (a: NotificationAction | undefined) => void) {
  const notifier = useMemo(() => (enabled && webNotificationsAvailable() ? new WebNotifier() : undefined), [enabled]);
  const [permission, setPermission] = useState<NotificationPermission | undefined>(notifier?.permission);
  const seen = useRef(new Set<string>());
  const act = useRef(onAction);
  act.current = onAction;
  useEffect(() => {
    if (!notifier) return;
    return client.alerts.onDidNotify((n) => {
      // Only a new notification pops; updates (read, resolved, repeats) do not.
      if (!n.shown || seen.current.has(n.id)) return;
      seen.current.add(n.id);
      if (document.visibilityState === 'visible' && document.hasFocus()) return; // the centre shows it
      notifier.show(presentNotification(n, locale), (a) => act.current(a));
    });
  }, [client, notifier, locale]);
  return {
    available: notifier !== undefined,
    permission,
    request: () => void notifier?.requestPermission().then(setPermission),
  };
}
