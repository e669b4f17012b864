// The status bar's countdowns: every SSO sign-in and SSH key Fumidai holds, with the time it has
// left, amber under 15 minutes and red once gone. Role credentials renew themselves while the
// sign-in lasts, so they are summed up in one item rather than listed.
import type { CredentialStatus } from '../../../common/api/alerts';
import { formatRemaining, TRAY_EXPIRING_MS } from '../../../common/tray/trayModel';
import { useNow } from '../hooks/useAuth';
import { useI18n } from '../i18n/i18n';

export function CountdownStatus({ credentials }: { credentials: readonly CredentialStatus[] }) {
  const { t } = useI18n();
  const now = useNow();
  const shown = credentials.filter((c) => c.kind !== 'role');
  const roles = credentials.filter((c) => c.kind === 'role' && c.expiresAt > now).length;
  return (
    <>
      {shown.map((c) => {
        const left = c.expiresAt - now;
        const state = left <= 0 ? 'expired' : left <= TRAY_EXPIRING_MS ? 'warn' : 'ok';
        const label = c.kind === 'sso' ? t('alerts.countdown.sso', { name: c.label }) : t('alerts.countdown.key', { name: c.label });
        return (
          <span key={c.id} className={`statusbar__item countdown countdown--${state}`} data-testid={`countdown-${c.id}`} title={label}>
            <span className="countdown__label">{label}</span>
            <span className="countdown__time" data-testid={`countdown-time-${c.id}`}>
              {left <= 0 ? t('alerts.countdown.expired') : formatRemaining(left)}
            </span>
          </span>
        );
      })}
      {roles > 0 && <span className="statusbar__item muted">{t('alerts.countdown.roles', { count: roles })}</span>}
    </>
  );
}
