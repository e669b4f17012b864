// The question asked before anything is opened on a production host: confirm, and say why. The
// reason goes to StartSession's Reason (so CloudTrail has it) and into the session's recording.
// It is a modal dialog on top of the page (a portal), so it works the same from a list row (which
// may scroll out of view), the detail panel, a reopened tab and the palette. Focus returns to
// what had it when the dialog closes.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { InstanceSummary } from '../../../common/api/inventory';
import { useI18n } from '../i18n/i18n';

/** What the dialog names: the host and its account. */
export type ReasonDialogInstance = Pick<InstanceSummary, 'name'> & { accountName?: string };

export function ProductionReasonDialog({ instance, onCancel, onConfirm }: { instance: ReasonDialogInstance; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const returnFocus = useRef<Element | null>(document.activeElement);
  useEffect(() => {
    const previous = returnFocus.current;
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);
  return createPortal(
    <div className="modal" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <form
        className="confirm"
        role="dialog"
        aria-modal="true"
        aria-label={t('instances.confirm.title')}
        data-testid="production-confirm"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <strong>{t('instances.confirm.title')}</strong>
        <p className="muted confirm__body">{t('instances.confirm.body', { name: instance.name, account: instance.accountName ?? '' })}</p>
        <input
          type="text"
          required
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('instances.confirm.reason')}
          aria-label={t('instances.confirm.reason')}
          data-testid="production-reason"
          maxLength={256}
        />
        <div className="signin__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('signin.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={!reason.trim()}>
            {t('instances.confirm.open')}
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
