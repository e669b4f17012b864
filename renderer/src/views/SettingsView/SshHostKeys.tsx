// Settings → SSH host keys: the host keys trusted in Fumidai (accepted on first use), and the one
// deliberate way to clear a key after a host was really rebuilt — "Forget", confirmed — so the next
// connection shows the new fingerprint and asks. Keys in ~/.ssh/known_hosts are the user's own
// file: they are not listed here and never changed.
import { useCallback, useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import type { TrustedHostKey } from '../../../../common/api/sessions';
import { useI18n } from '../../i18n/i18n';

export function SshHostKeys({ client, onError }: { client: FumidaiClient; onError: (e: ErrorValue) => void }) {
  const { t } = useI18n();
  const [keys, setKeys] = useState<TrustedHostKey[] | undefined>(undefined);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const load = useCallback(async () => {
    const r = await client.sessions.trustedHostKeys();
    if (r.ok) setKeys(r.value);
    else onError(r);
  }, [client, onError]);
  useEffect(() => void load(), [load]);

  const forget = async (name: string) => {
    setConfirming(undefined);
    const r = await client.sessions.forgetHostKey({ name });
    if (!r.ok) onError(r);
    await load();
  };

  return (
    <section className="settings__section" aria-labelledby="settings-host-keys" data-testid="settings-host-keys">
      <h2 id="settings-host-keys">{t('settings.hostKeys')}</h2>
      <p className="muted">{t('settings.hostKeys.body')}</p>
      {keys && keys.length === 0 && <p className="muted">{t('settings.hostKeys.none')}</p>}
      {keys && keys.length > 0 && (
        <ul className="host-keys">
          {keys.map((k) => (
            <li key={`${k.name} ${k.keyType}`} className="host-keys__item" data-testid={`host-key-${k.name}`}>
              <div>
                <code>{k.name}</code> <span className="muted">{k.keyType}</span>
                <div>
                  <code className="host-keys__fingerprint">{k.fingerprint}</code>
                </div>
              </div>
              {confirming === k.name ? (
                <div className="host-keys__confirm" role="group" aria-label={t('settings.hostKeys.confirm', { name: k.name })}>
                  <span>{t('settings.hostKeys.confirm', { name: k.name })}</span>
                  <button type="button" className="button button--small" onClick={() => setConfirming(undefined)}>
                    {t('signin.cancel')}
                  </button>
                  <button type="button" className="button button--small button--danger" onClick={() => void forget(k.name)} data-testid={`host-key-forget-confirm-${k.name}`}>
                    {t('settings.hostKeys.forget')}
                  </button>
                </div>
              ) : (
                <button type="button" className="button button--small" onClick={() => setConfirming(k.name)} data-testid={`host-key-forget-${k.name}`}>
                  {t('settings.hostKeys.forget')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
