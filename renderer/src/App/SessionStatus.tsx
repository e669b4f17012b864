// The SSO session in the top bar: who is signed in and how long the sign-in lasts, with sign-out.
import type { FumidaiClient } from '../../../common/api';
import { useAuth, useNow, formatCountdown } from '../hooks/useAuth';
import { useI18n } from '../i18n/i18n';

export function SessionStatus({ client }: { client: FumidaiClient }) {
  const { t } = useI18n();
  const snapshot = useAuth(client);
  const now = useNow();
  const signedIn = snapshot?.sessions.filter((s) => s.state === 'signed-in' && s.expiresAt) ?? [];
  if (signedIn.length === 0) return <span className="chip">{t('status.noSession')}</span>;
  return (
    <>
      {signedIn.map((s) => {
        const left = s.expiresAt! - now;
        return (
          <span key={s.id} className={`chip chip--signed-in${left < 15 * 60_000 ? ' chip--warn' : ''}`} data-testid={`session-status-${s.id}`}>
            <span className="dot" aria-hidden="true" />
            {t('status.session', { name: s.name, time: formatCountdown(left) })}
            <button type="button" className="chip__action" onClick={() => void client.auth.signOut({ sessionId: s.id })}>
              {t('status.signOut')}
            </button>
          </span>
        );
      })}
    </>
  );
}
