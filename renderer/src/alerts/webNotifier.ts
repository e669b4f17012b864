// OS notifications in browser mode, through the Web Notifications API — the browser-side
// implementation of the same DesktopNotifier interface Electron's adapter implements. The
// browser's permission is asked for only from a click (browsers ignore requests made otherwise).
import type { DesktopNotifier, PresentedNotification } from '../../../common/alerts/desktopNotifier';
import type { NotificationAction } from '../../../common/api/alerts';

type WebNotificationClass = {
  new (title: string, options?: NotificationOptions): { onclick: ((this: unknown, ev: Event) => unknown) | null; close(): void };
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
};

export function webNotificationsAvailable(w: { Notification?: unknown } = window): boolean {
  return typeof w.Notification === 'function';
}

export class WebNotifier implements DesktopNotifier {
  constructor(
    private readonly N: WebNotificationClass = window.Notification as unknown as WebNotificationClass,
    private readonly focusWindow: () => void = () => window.focus(),
  ) {}

  get permission(): NotificationPermission {
    return this.N.permission;
  }

  /** Call from a click handler. */
  requestPermission(): Promise<NotificationPermission> {
    return this.N.requestPermission();
  }

  show(n: PresentedNotification, onAction: (action: NotificationAction | undefined) => void): void {
    if (this.N.permission !== 'granted') return;
    // Web notifications have no buttons outside service workers: a click runs the first action.
    const note = new this.N(n.title, { body: n.body, tag: n.tag, requireInteraction: n.urgent });
    note.onclick = () => {
      this.focusWindow();
      onAction(n.actions[0]?.action);
      note.close();
    };
  }
}
