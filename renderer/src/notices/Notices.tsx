// Non-blocking notices for error values returned through the contract: the translated code as a
// heading, Fumidai's or AWS's own message as text. They stack in a corner above the status bar,
// never cover the view's controls, and stay until dismissed (an error read too late is useless).
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ErrorValue } from '../../../common/api/errors';
import { useI18n } from '../i18n/i18n';
import { errorTitleKey } from './errorTitles';
import { addNotice, removeNotice, type Notice } from './noticeList';

interface NoticesValue {
  notices: readonly Notice[];
  report: (error: ErrorValue) => void;
  dismiss: (id: number) => void;
}

const NoticesContext = createContext<NoticesValue>({ notices: [], report: () => {}, dismiss: () => {} });

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const report = useCallback((error: ErrorValue) => setNotices((list) => addNotice(list, error, nextId.current++)), []);
  const dismiss = useCallback((id: number) => setNotices((list) => removeNotice(list, id)), []);
  const value = useMemo(() => ({ notices, report, dismiss }), [notices, report, dismiss]);
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}

/** The function views call with a failed Result. Stable across renders. */
export function useReportError(): (error: ErrorValue) => void {
  return useContext(NoticesContext).report;
}

export function NoticeArea() {
  const { t } = useI18n();
  const { notices, dismiss } = useContext(NoticesContext);
  return (
    // Always mounted, so screen readers announce notices added later.
    <section className="toasts" aria-label={t('notices.label')} aria-live="assertive" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className="toast toast--error" role="alert" data-testid={`notice-${n.error.code}`}>
          <div className="toast__text">
            <strong className="toast__title">
              {t(errorTitleKey(n.error.code))}
              {n.count > 1 && <span className="toast__count">{t('notices.repeated', { count: n.count })}</span>}
            </strong>
            <span className="toast__message">{n.error.message}</span>
          </div>
          <button type="button" className="toast__dismiss" aria-label={t('notices.dismiss')} title={t('notices.dismiss')} onClick={() => dismiss(n.id)}>
            <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        </div>
      ))}
    </section>
  );
}
