// How fresh the list is and what could not be listed: the progress of a refresh, the age of what is
// shown ("cached 3 minutes ago"), refresh buttons, and one line per account that AWS refused — with
// AWS's own message — while the rows of every other account stay visible.
import type { InventorySnapshot } from '../../../../common/api/inventory';
import { useNow } from '../../hooks/useAuth';
import { useI18n, type Locale } from '../../i18n/i18n';
import { errorsByAccount } from './instanceListModel';
import type { RefreshScope } from './useInventory';

interface Props {
  snapshot: InventorySnapshot | undefined;
  progress: { done: number; total: number } | undefined;
  onRefresh: (scope?: RefreshScope) => void;
}

/** "3 minutes ago" / "3 分前", in the UI's language. */
export function formatAge(ms: number, locale: Locale): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 45) return rtf.format(0, 'second');
  if (s < 45 * 60) return rtf.format(-Math.max(1, Math.round(s / 60)), 'minute');
  if (s < 36 * 3600) return rtf.format(-Math.round(s / 3600), 'hour');
  return rtf.format(-Math.round(s / 86400), 'day');
}

export function InventoryStatus({ snapshot, progress, onRefresh }: Props) {
  const { t, locale } = useI18n();
  const now = useNow(15_000);
  const loading = snapshot?.loading ?? true;
  const accountErrors = errorsByAccount(snapshot?.errors ?? []);
  const age = snapshot?.fetchedAt ? formatAge(now - snapshot.fetchedAt, locale) : undefined;
  return (
    <div className="istatus">
      <div className="istatus__line">
        {loading ? (
          <span data-testid="inventory-progress" role="status">
            {progress && progress.total > 0 ? t('instances.progress', { done: progress.done, total: progress.total }) : t('instances.loading')}
          </span>
        ) : null}
        {age && (
          <span className="muted" data-testid="inventory-age" title={new Date(snapshot!.fetchedAt!).toLocaleString(locale)}>
            {snapshot?.fromCache ? t('instances.cachedAge', { age }) : t('instances.updatedAge', { age })}
          </span>
        )}
        <span className="istatus__spacer" />
        <button type="button" className="button" disabled={loading && !snapshot?.fromCache} data-testid="instances-refresh" onClick={() => onRefresh()}>
          {t('instances.refreshAll')}
        </button>
      </div>
      {loading && (
        <div
          className="progress"
          role="progressbar"
          aria-label={t('instances.loading')}
          aria-valuemin={0}
          aria-valuemax={progress?.total ?? 0}
          aria-valuenow={progress?.done ?? 0}
        >
          <div className="progress__bar" style={{ width: `${progress && progress.total ? (100 * progress.done) / progress.total : 5}%` }} />
        </div>
      )}
      {snapshot?.error && (
        <p className="notice" role="alert" data-testid="inventory-error">
          {snapshot.error.message}
        </p>
      )}
      {accountErrors.length > 0 && (
        <ul className="istatus__errors" data-testid="inventory-errors" aria-label={t('instances.errorsLabel')}>
          {accountErrors.map((e) => (
            <li key={`${e.accountId}/${e.code}/${e.regions.join(',')}`} className="notice istatus__error" data-testid={`account-error-${e.accountId}`}>
              <div className="istatus__error-text">
                <strong dir="auto">{e.accountName}</strong> <span className="muted mono">{e.accountId}</span> ·{' '}
                {t('instances.errorRegions', { code: e.code, regions: e.regions.join(', ') })}
                <div className="detail__aws-words">{e.message}</div>
              </div>
              <button type="button" className="button button--small" onClick={() => onRefresh({ accountId: e.accountId })}>
                {t('instances.retryAccount')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
