// The SSH keys held in memory for connections: where each came from, its fingerprint, the hosts it
// was used for and a live countdown to its wipe, with "forget" for one key or all. Only metadata
// ever reaches this view; the private keys stay in the main process.
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import type { KeyInfo } from '../../../../common/api/keys';
import { useSecondTicker, type HeldKeys } from '../../hooks/useKeys';
import { useI18n } from '../../i18n/i18n';
import { formatDuration } from './format';

interface Props {
  client: FumidaiClient;
  held: HeldKeys;
  onError: (e: ErrorValue) => void;
}

export function KeysSection({ client, held, onError }: Props) {
  const { t } = useI18n();
  const now = useSecondTicker(held.keys.length > 0) + held.clockOffset;
  const forgetAll = () => void client.keys.forgetAll().then((r) => !r.ok && onError(r));
  return (
    <section aria-labelledby="overview-keys" data-testid="overview-keys">
      <h2 id="overview-keys">{t('keys.title', { count: held.keys.length })}</h2>
      <p className="muted">{t('keys.hint')}</p>
      {held.keys.length === 0 ? (
        <p className="muted">{t('keys.none')}</p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th>{t('keys.col.key')}</th>
                <th>{t('keys.col.hosts')}</th>
                <th>{t('sessions.col.account')}</th>
                <th>{t('keys.col.expires')}</th>
                <th>
                  <span className="visually-hidden">{t('sessions.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {held.keys.map((key) => (
                <KeyRow key={key.id} info={key} now={now} onForget={() => void client.keys.forget({ id: key.id }).then((r) => !r.ok && onError(r))} />
              ))}
            </tbody>
          </table>
          <button type="button" className="button button--small" onClick={forgetAll} data-testid="keys-forget-all">
            {t('keys.forgetAll')}
          </button>
        </>
      )}
    </section>
  );
}

function KeyRow({ info, now, onForget }: { info: KeyInfo; now: number; onForget: () => void }) {
  const { t } = useI18n();
  const left = Math.max(0, Math.ceil((info.expiresAt - now) / 1000));
  const soon = left <= 5 * 60;
  return (
    <tr data-testid={`key-${info.id}`} data-source={info.source}>
      <td>
        <span className="badge">{t(`keys.source.${info.source}`)}</span> <span dir="auto">{info.label}</span>
        <div className="muted">
          <code title={info.algorithm}>{info.fingerprint}</code>
        </div>
      </td>
      <td dir="auto">
        {info.hosts.map((h) => (
          <div key={`${h.instanceId}/${h.osUser}/${h.hop}`}>
            {h.osUser}@{h.instanceName ?? h.instanceId} <span className="muted">({t(`keys.hop.${h.hop}`)})</span>
          </div>
        ))}
      </td>
      <td dir="auto">
        <span className={`env-dot env-dot--${info.environment}`} aria-hidden="true" /> {info.accountName ?? info.accountId} <span className="muted">({info.roleName})</span>
      </td>
      <td>
        <time dateTime={new Date(info.expiresAt).toISOString()} className={soon ? 'key-countdown key-countdown--soon' : 'key-countdown'} data-testid={`key-countdown-${info.id}`}>
          {left > 0 ? t('keys.expiresIn', { time: formatDuration(left) }) : t('keys.expiring')}
        </time>
      </td>
      <td className="table__actions">
        <button type="button" className="button button--small" onClick={onForget} data-testid={`key-forget-${info.id}`}>
          {t('keys.forget')}
        </button>
      </td>
    </tr>
  );
}
