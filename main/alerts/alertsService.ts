// Notifications as the core keeps them: a bounded history for the notification centre, the rules
// (deduplicate, rate-limit) applied once here, and two events — every change for the window, and
// "show this in the OS" for whichever notifier the host has (Electron's, or the browser's).
import type { AlertsStatus, Notification, NotificationAction, NotificationKind } from '../../common/api/alerts';
import { Emitter, type Event } from '../../common/event';
import type { ExpiryClock } from './expiryClock';
import { NotificationRules } from './notificationRules';

export const MAX_HISTORY = 200;

export interface NotifyInput {
  kind: NotificationKind;
  params?: Notification['params'];
  severity?: Notification['severity'];
  actions?: NotificationAction[];
  /** Same key while current = the same notification (merged). Defaults to the kind. */
  key?: string;
  /** Kept in the history only; never an OS notification (e.g. routine credential rotation). */
  quiet?: boolean;
}

export interface AlertsServiceOptions {
  clock: ExpiryClock;
  rules?: NotificationRules;
  now?: () => number;
  /** Whether OS notifications are wanted at all (a setting). */
  osNotifications?: () => boolean;
}

export class AlertsService {
  private items: Notification[] = [];
  private readonly keyOf = new Map<string, string>();
  private nextId = 1;
  private readonly rules: NotificationRules;
  private readonly now: () => number;
  private readonly didNotify = new Emitter<Notification>();
  /** A notification was added or changed (count, read, resolved). */
  readonly onDidNotify: Event<Notification> = this.didNotify.event;
  private readonly didShow = new Emitter<Notification>();
  /** This notification should appear in the OS now (rules and the setting already applied). */
  readonly onDidShow: Event<Notification> = this.didShow.event;
  private readonly didChangeStatus = new Emitter<AlertsStatus>();
  readonly onDidChangeStatus: Event<AlertsStatus> = this.didChangeStatus.event;
  private readonly offClock: () => void;

  constructor(private readonly options: AlertsServiceOptions) {
    this.rules = options.rules ?? new NotificationRules();
    this.now = options.now ?? Date.now;
    this.offClock = options.clock.onDidChange(() => this.publishStatus());
  }

  notify(input: NotifyInput): Notification {
    const now = this.now();
    const key = input.key ?? input.kind;
    const id = `n${this.nextId}`;
    const severity = input.severity ?? 'info';
    const verdict = this.rules.decide(key, id, now, severity === 'critical');
    if (verdict.kind === 'merge') {
      const existing = this.items.find((n) => n.id === verdict.into);
      if (existing) {
        Object.assign(existing, { at: now, count: existing.count + 1, read: false, resolved: false, params: { ...existing.params, ...input.params } });
        this.changed(existing);
        return { ...existing };
      }
      // Cleared from the history meanwhile: treat as new.
      this.rules.forget(key);
      return this.notify(input);
    }
    this.nextId++;
    const wantOs = !input.quiet && (this.options.osNotifications?.() ?? true);
    const n: Notification = {
      id,
      kind: input.kind,
      severity,
      at: now,
      params: { ...input.params },
      actions: input.actions ?? [],
      count: 1,
      read: false,
      shown: wantOs && verdict.show,
      resolved: false,
    };
    this.items = [n, ...this.items].slice(0, MAX_HISTORY);
    this.keyOf.set(id, key);
    this.changed(n);
    if (n.shown) this.didShow.fire({ ...n });
    return { ...n };
  }

  /**
   * The condition behind `key` (and keys under it, `key:…`) is over: its notifications are marked
   * resolved, and the next one with that key is new.
   */
  resolve(key: string): void {
    const matches = (k: string | undefined) => k !== undefined && (k === key || k.startsWith(`${key}:`));
    for (const n of this.items) {
      const k = this.keyOf.get(n.id);
      if (matches(k)) this.rules.forget(k!);
      if (!n.resolved && matches(k)) {
        n.resolved = true;
        this.changed(n);
      }
    }
  }

  history(): Notification[] {
    return this.items.map((n) => ({ ...n }));
  }

  markAllRead(): void {
    for (const n of this.items) {
      if (n.read) continue;
      n.read = true;
      this.didNotify.fire({ ...n });
    }
    this.publishStatus();
  }

  clear(): void {
    for (const n of this.items) this.keyOf.delete(n.id);
    this.items = [];
    this.publishStatus();
  }

  status(): AlertsStatus {
    return {
      credentials: this.options.clock.list().map((c) => ({ id: c.id, kind: c.kind, label: c.label, expiresAt: c.expiresAt, ...(c.subject ? { subject: c.subject } : {}) })),
      unread: this.items.filter((n) => !n.read).length,
    };
  }

  dispose(): void {
    this.offClock();
    this.didNotify.dispose();
    this.didShow.dispose();
    this.didChangeStatus.dispose();
  }

  private changed(n: Notification): void {
    this.didNotify.fire({ ...n });
    this.publishStatus();
  }

  private publishStatus(): void {
    this.didChangeStatus.fire(this.status());
  }
}
