// "Open shell" for hosts reachable over Session Manager. Production hosts ask for confirmation and
// a reason first; the reason is sent as StartSession's Reason, so it lands in CloudTrail.
import { useState } from 'react';
import type { InstanceSummary } from '../../../../common/api/inventory';
import { useI18n } from '../../i18n/i18n';

export function OpenShellButton({ instance, onOpen }: { instance: InstanceSummary; onOpen: (reason?: string) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  if (instance.route.kind !== 'ssm') return null;
  const production = instance.environment === 'production';
  if (!asking) {
    return (
      <button type="button" className="button" data-testid={`open-shell-${instance.instanceId}`} onClick={() => (production ? setAsking(true) : onOpen())}>
        {t('instances.openShell')}
      </button>
    );
  }
  return (
    <form
      className="confirm"
      role="dialog"
      aria-label={t('instances.confirm.title')}
      data-testid="production-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onOpen(reason.trim());
      }}
    >
      <strong>{t('instances.confirm.title')}</strong>
      <p className="muted">{t('instances.confirm.body', { name: instance.name, account: instance.accountName })}</p>
      <input type="text" required autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('instances.confirm.reason')} aria-label={t('instances.confirm.reason')} data-testid="production-reason" maxLength={256} />
      <div className="signin__actions">
        <button type="button" className="button" onClick={() => setAsking(false)}>
          {t('signin.cancel')}
        </button>
        <button type="submit" className="button button--danger" disabled={!reason.trim()}>
          {t('instances.confirm.open')}
        </button>
      </div>
    </form>
  );
}
