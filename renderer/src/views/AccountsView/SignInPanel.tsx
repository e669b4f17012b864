// Choosing an IAM Identity Center session and signing in: browser sign-in (PKCE) by default, the
// device code as the fallback, shown large with a copy button and a countdown, cancellable.
import { useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { SsoSessionSummary } from '../../../../common/api/auth';
import type { ErrorValue, Result } from '../../../../common/api/errors';
import { useI18n } from '../../i18n/i18n';
import { formatCountdown, useNow } from '../../hooks/useAuth';

interface Props {
  client: FumidaiClient;
  sessions: SsoSessionSummary[];
  onError: (e: ErrorValue) => void;
}

export function SignInPanel({ client, sessions, onError }: Props) {
  const { t } = useI18n();
  const now = useNow();
  const [copied, setCopied] = useState(false);
  const call = async (p: Promise<Result<unknown>>) => {
    const r = await p;
    if (!r.ok) onError(r);
  };
  return (
    <div className="signin" data-testid="signin-panel">
      <h2 className="signin__title">{t('signin.title')}</h2>
      <p className="muted">{t('signin.body')}</p>
      <ul className="signin__sessions">
        {sessions.map((s) => (
          <li key={s.id} className="signin__session" data-testid={`sso-session-${s.id}`}>
            <div className="signin__session-head">
              <div>
                <div className="signin__session-name">{s.name}</div>
                <div className="muted signin__session-url">
                  {s.startUrl} · {s.region}
                </div>
              </div>
              <span className={`chip chip--${s.state}`}>{t(`signin.state.${s.state}`)}</span>
            </div>
            {s.error && s.state !== 'signing-in' && (
              <p className="signin__error" role="alert">
                {s.error.message}
              </p>
            )}
            {s.pending ? (
              <div className="signin__pending">
                {s.pending.userCode ? (
                  <>
                    <p>{t('signin.device.instructions')}</p>
                    <div className="signin__code" data-testid="device-code" aria-label={t('signin.device.code')}>
                      {s.pending.userCode}
                    </div>
                    <div className="signin__actions">
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          void navigator.clipboard?.writeText(s.pending!.userCode!).then(() => setCopied(true));
                        }}
                      >
                        {copied ? t('signin.device.copied') : t('signin.device.copy')}
                      </button>
                      {s.pending.verificationUriComplete && (
                        <button type="button" className="button" onClick={() => void call(client.app.openExternal({ url: s.pending!.verificationUriComplete! }))}>
                          {t('signin.device.openPage')}
                        </button>
                      )}
                    </div>
                  </>
                ) : (
                  <p>{t('signin.browser.waiting')}</p>
                )}
                <p className="muted" data-testid="signin-countdown">
                  {t('signin.expiresIn', { time: formatCountdown(s.pending.expiresAt - now) })}
                </p>
                <button type="button" className="button button--ghost" onClick={() => void call(client.auth.cancelSignIn({ sessionId: s.id }))}>
                  {t('signin.cancel')}
                </button>
              </div>
            ) : (
              s.state !== 'signed-in' && (
                <div className="signin__actions">
                  {s.source !== 'legacy-profile' && (
                    <button type="button" className="button button--primary" data-testid="signin-browser" onClick={() => void call(client.auth.signIn({ sessionId: s.id, flow: 'pkce' }))}>
                      {t('signin.withBrowser')}
                    </button>
                  )}
                  <button
                    type="button"
                    className={`button${s.source === 'legacy-profile' ? ' button--primary' : ''}`}
                    data-testid="signin-device"
                    onClick={() => void call(client.auth.signIn({ sessionId: s.id, flow: 'device' }))}
                  >
                    {t('signin.withDeviceCode')}
                  </button>
                </div>
              )
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
