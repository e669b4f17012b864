// The notification centre: a bell in the top bar with the unread count, opening the history —
// sign-ins, expiries, sessions, keys, "Was this you?" — newest first, each with its actions
// ("Sign in again", "Open the event"). Resolved warnings stay, marked as over.
import { useEffect, useRef } from 'react';
import type { Notification, NotificationAction } from '../../../common/api/alerts';
import { notificationActionText, notificationText } from '../../../common/alerts/notificationText';
import { useI18n } from '../i18n/i18n';

interface Props {
  history: readonly Notification[];
  unread: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAction: (action: NotificationAction) => void;
  onMarkAllRead: () => void;
  onClear: () => void;
  /** Browser mode: offer to turn on the browser's notifications (needs a click). */
  browserNotifications?: { permission: NotificationPermission | undefined; request: () => void };
}

export function NotificationCentre({ history, unread, open, onOpenChange, onAction, onMarkAllRead, onClear, browserNotifications }: Props) {
  const { t, locale } = useI18n();
  const panel = useRef<HTMLDivElement>(null);
  // Opening the centre reads what it shows.
  useEffect(() => {
    if (open && unread > 0) onMarkAllRead();
  }, [open, unread, onMarkAllRead]);
  useEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);
  const actionLabel = (a: NotificationAction) => notificationActionText(a, locale);
  return (
    <div className="ncentre">
      <button
        type="button"
        className="ncentre__bell"
        data-testid="notifications-button"
        aria-expanded={open}
        aria-label={unread > 0 ? t('alerts.centre.openUnread', { count: unread }) : t('alerts.centre.open')}
        title={t('alerts.centre.title')}
        onClick={() => onOpenChange(!open)}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 1.5a4 4 0 0 0-4 4v2.8L2.6 11h10.8L12 8.3V5.5a4 4 0 0 0-4-4zM6.3 12.5a1.8 1.8 0 0 0 3.4 0" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
        </svg>
        {unread > 0 && (
          <span className="ncentre__badge" data-testid="notifications-unread">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div
          className="ncentre__panel"
          role="dialog"
          aria-label={t('alerts.centre.title')}
          tabIndex={-1}
          ref={panel}
          data-testid="notification-centre"
          onKeyDown={(e) => e.key === 'Escape' && onOpenChange(false)}
        >
          <div className="ncentre__head">
            <strong>{t('alerts.centre.title')}</strong>
            <button type="button" className="button button--small button--ghost" onClick={onClear} disabled={history.length === 0}>
              {t('alerts.centre.clear')}
            </button>
          </div>
          {browserNotifications && browserNotifications.permission === 'default' && (
            <p className="ncentre__hint">
              {t('alerts.centre.browserHint')}{' '}
              <button type="button" className="button button--small" onClick={browserNotifications.request}>
                {t('alerts.centre.enableBrowser')}
              </button>
            </p>
          )}
          {history.length === 0 ? (
            <p className="muted ncentre__empty">{t('alerts.centre.empty')}</p>
          ) : (
            <ul className="ncentre__list">
              {history.map((n) => {
                const { title, body } = notificationText(n, locale);
                return (
                  <li key={n.id} className={`nitem nitem--${n.severity}${n.resolved ? ' nitem--resolved' : ''}`} data-testid={`notification-${n.kind}`}>
                    <div className="nitem__title">
                      {title}
                      {n.count > 1 && <span className="toast__count">{t('notices.repeated', { count: n.count })}</span>}
                    </div>
                    <div className="nitem__body">{body}</div>
                    <div className="nitem__meta">
                      <time dateTime={new Date(n.at).toISOString()}>{new Date(n.at).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' })}</time>
                      {n.resolved && <span className="muted">{t('alerts.centre.resolved')}</span>}
                    </div>
                    {!n.resolved && n.actions.length > 0 && (
                      <div className="nitem__actions">
                        {n.actions.map((a, i) => (
                          <button key={i} type="button" className="button button--small" data-testid={`notification-action-${a.type}`} onClick={() => onAction(a)}>
                            {actionLabel(a)}
                          </button>
                        ))}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
