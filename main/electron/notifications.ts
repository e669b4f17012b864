// OS notifications in the app: Electron's Notification, showing what the core's rules let through
// (alerts.onDidShow). A click runs the notification's first action (for "expires soon", signing
// in again); on macOS its buttons run the others. With the window closed this still works: the
// actions run in the core.
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { DesktopNotifier, PresentedNotification } from '../../common/alerts/desktopNotifier';
import type { NotificationAction } from '../../common/api/alerts';

export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<ElectronNotification, 'show' | 'on'>;
  isSupported(): boolean;
}

export class ElectronNotifier implements DesktopNotifier {
  /** Shown notifications, kept referenced until closed: a collected one loses its click handler. */
  private readonly live = new Set<object>();

  constructor(
    private readonly Notification: NotificationClass,
    private readonly platform: NodeJS.Platform,
    private readonly log: (m: string) => void = () => {},
  ) {}

  show(n: PresentedNotification, onAction: (action: NotificationAction | undefined) => void): void {
    if (!this.Notification.isSupported()) {
      this.log('OS notifications are not supported here; they stay in the notification centre.');
      return;
    }
    const note = new this.Notification({
      title: n.title,
      body: n.body,
      silent: !n.urgent,
      ...(this.platform === 'linux' ? { urgency: n.urgent ? 'critical' : 'normal' } : {}),
      // Buttons exist on macOS only; elsewhere a click runs the first action.
      ...(this.platform === 'darwin' && n.actions.length > 0 ? { actions: n.actions.map((a) => ({ type: 'button' as const, text: a.label })) } : {}),
    });
    this.live.add(note);
    note.on('click', () => onAction(n.actions[0]?.action));
    note.on('action', (_event, index) => onAction(n.actions[index]?.action));
    note.on('close', () => this.live.delete(note));
    note.show();
  }
}
