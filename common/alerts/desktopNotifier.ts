// The one interface behind OS notifications: Electron's Notification in the app
// (main/electron/notifications.ts) and the Web Notifications API in browser mode
// (renderer/src/alerts/webNotifier.ts) both show what `presentNotification` words, and both
// report a click or an action button back as the notification's action, which the core runs.
import type { Notification, NotificationAction } from '../api/alerts';
import { notificationActionText, notificationText, type TextLocale } from './notificationText';

export interface PresentedNotification {
  /** Stable per notification, so the OS replaces rather than stacks a repeat. */
  tag: string;
  title: string;
  body: string;
  urgent: boolean;
  actions: Array<{ label: string; action: NotificationAction }>;
}

export interface DesktopNotifier {
  /** Shows a notification; `onAction` runs for a click (the first action) or a chosen button. */
  show(n: PresentedNotification, onAction: (action: NotificationAction | undefined) => void): void;
}

export function presentNotification(n: Notification, locale: TextLocale): PresentedNotification {
  const { title, body } = notificationText(n, locale);
  return {
    tag: `fumidai-${n.id}`,
    title: n.count > 1 ? `${title} (×${n.count})` : title,
    body,
    urgent: n.severity === 'critical',
    actions: n.actions.map((action) => ({ label: notificationActionText(action, locale), action })),
  };
}
