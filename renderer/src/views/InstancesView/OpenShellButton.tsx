// "Open shell" for hosts reachable over Session Manager. Production hosts ask for confirmation and
// a reason first; the reason is sent as StartSession's Reason, so it lands in CloudTrail. The
// question is a modal dialog on top of the page (a portal), so it works the same from a list row
// (which may scroll out of view) and from the detail panel.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { InstanceSummary } from '../../../../common/api/inventory';
import { useI18n } from '../../i18n/i18n';

interface Props {
  instance: InstanceSummary;
  onOpen: (reason?: string) => void;
  /** The button's test id (the list and the detail panel show one each). */
  testId?: string;
  className?: string;
}

export function OpenShellButton({ instance, onOpen, testId, className }: Props) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (instance.route.kind !== 'ssm') return null;
  const production = instance.environment === 'production';
  return (
    <>
      <button
        type="button"
        className={className ?? 'button'}
        data-testid={testId ?? `open-shell-${instance.instanceId}`}
        onClick={(e) => {
          e.stopPropagation();
          if (production) setAsking(true);
          else onOpen();
        }}
      >
        {t('instances.openShell')}
      </button>
      {asking && (
        <ProductionReasonDialog
          instance={instance}
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => {
            setAsking(false);
            onOpen(reason);
          }}
        />
      )}
    </>
  );
}

/** Also asked when a restored or ended production tab is reopened. */
export function ProductionReasonDialog({ instance, onCancel, onConfirm }: { instance: Pick<InstanceSummary, 'name'> & { accountName?: string }; onCancel: () => void; onConfirm: (reason: string) => void }) {
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
