// A non-blocking banner for error values returned through the contract: the translated code as a
// heading, AWS's or Fumidai's own message as text.
import type { ErrorValue } from '../../../common/api/errors';
import { useI18n, type MessageKey } from '../i18n/i18n';

const KNOWN = new Set(['InvalidRequest', 'Forbidden', 'NotFound', 'Network', 'SsoExpired', 'AccessDenied', 'Throttled', 'Internal']);

export function ErrorBanner({ error, onDismiss }: { error: ErrorValue; onDismiss: () => void }) {
  const { t } = useI18n();
  const key = (KNOWN.has(error.code) ? `errors.code.${error.code}` : 'errors.code.other') as MessageKey;
  return (
    <div className="banner banner--error" role="alert">
      <strong>{t(key)}</strong>
      <span className="banner__message">{error.message}</span>
      <button type="button" className="button button--ghost" onClick={onDismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
