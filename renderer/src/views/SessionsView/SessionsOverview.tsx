// Everything that is connected right now: the shells (one per terminal tab), the port forwards
// with where they listen, where they go, their traffic and a stop button, and the SSH keys held. Forwards are started
// from an instance's detail panel (Instances view) or with `fumidai forward`.
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import type { ForwardSummary } from '../../../../common/api/forwards';
import { EmptyState } from '../../components/EmptyState';
import { SessionsIcon } from '../../components/Icons';
import { useForwards } from '../../hooks/useForwards';
import { useKeys } from '../../hooks/useKeys';
import { useI18n } from '../../i18n/i18n';
import { tabState } from '../../terminals/tabModel';
import { useTerminals } from '../../terminals/terminalsStore';
import { formatBytes, forwardDestination } from './format';
import { forwardEndNote } from './forwardEnd';
import { KeysSection } from './KeysSection';

interface Props {
  client: FumidaiClient;
  onError: (e: ErrorValue) => void;
  onShowTab: (key: string) => void;
  onBrowseInstances: () => void;
}

export function SessionsOverview({ client, onError, onShowTab, onBrowseInstances }: Props) {
  const { t } = useI18n();
  const { tabs } = useTerminals();
  const forwards = useForwards(client);
  const keys = useKeys(client);
  if (tabs.length === 0 && forwards.length === 0 && keys.keys.length === 0) {
    return (
      <EmptyState
        icon={<SessionsIcon />}
        title={t('sessions.empty.title')}
        action={
          <button type="button" className="button button--primary" onClick={onBrowseInstances} data-testid="sessions-browse-instances">
            {t('sessions.empty.browse')}
          </button>
        }
      >
        <p>{t('sessions.empty.body')}</p>
      </EmptyState>
    );
  }
  return (
    <div className="overview" data-testid="sessions-overview">
      <section aria-labelledby="overview-shells">
        <h2 id="overview-shells">{t('sessions.shells', { count: tabs.length })}</h2>
        {tabs.length === 0 ? (
          <p className="muted">{t('sessions.shells.none')}</p>
        ) : (
          <table className="table" data-testid="overview-shells">
            <thead>
              <tr>
                <th>{t('sessions.col.instance')}</th>
                <th>{t('sessions.col.account')}</th>
                <th>{t('sessions.col.user')}</th>
                <th>{t('sessions.col.state')}</th>
                <th>
                  <span className="visually-hidden">{t('sessions.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tabs.map((tab) => {
                const state = tabState({ waiting: tab.waiting, summary: tab.summary, failed: tab.failed !== undefined });
                const terminalId = tab.summary?.terminalId;
                const running = state === 'live' || state === 'reconnecting';
                return (
                  <tr key={tab.key} data-testid={`overview-shell-${tab.instance.instanceId}`}>
                    <td>
                      <span className={`env-dot env-dot--${tab.instance.environment ?? 'other'}`} aria-hidden="true" /> <span dir="auto">{tab.instance.name}</span>
                      {tab.summary?.recording && <span className="badge" title={t('sessions.recorded.hint')}>{t('sessions.recorded')}</span>}
                    </td>
                    <td dir="auto">
                      {tab.instance.accountName ?? tab.instance.accountId} <span className="muted">({tab.instance.roleName})</span>
                    </td>
                    <td>{tab.summary?.osUser ?? '—'}</td>
                    <td>
                      <span className={`tab__state tab__state--${state}`}>
                        {state === 'ended' && tab.summary?.exitCode !== undefined ? t('terminal.state.endedWithCode', { code: tab.summary.exitCode }) : t(`terminal.state.${state}`)}
                      </span>
                    </td>
                    <td className="table__actions">
                      <button type="button" className="button button--small" onClick={() => onShowTab(tab.key)}>
                        {t('sessions.show')}
                      </button>
                      {running && terminalId && (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => void client.sessions.terminate({ terminalId }).then((r) => !r.ok && onError(r))}
                          data-testid={`end-shell-${tab.instance.instanceId}`}
                        >
                          {t('sessions.end')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="overview-forwards">
        <h2 id="overview-forwards">{t('sessions.forwards', { count: forwards.filter((f) => f.state !== 'ended').length })}</h2>
        {forwards.length === 0 ? (
          <p className="muted">{t('sessions.forwards.none')}</p>
        ) : (
          <table className="table" data-testid="overview-forwards">
            <thead>
              <tr>
                <th>{t('sessions.col.local')}</th>
                <th>{t('sessions.col.destination')}</th>
                <th>{t('sessions.col.account')}</th>
                <th>{t('sessions.col.traffic')}</th>
                <th>{t('sessions.col.state')}</th>
                <th>
                  <span className="visually-hidden">{t('sessions.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {forwards.map((f) => (
                <ForwardRow key={f.forwardId} forward={f} onStop={() => void client.forwards.stop({ forwardId: f.forwardId }).then((r) => !r.ok && onError(r))} />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <KeysSection client={client} held={keys} onError={onError} />
    </div>
  );
}

function ForwardRow({ forward: f, onStop }: { forward: ForwardSummary; onStop: () => void }) {
  const { t, locale } = useI18n();
  const dest = forwardDestination(f);
  const endNote = forwardEndNote(t, f);
  return (
    <tr data-testid={`forward-${f.forwardId}`} data-state={f.state}>
      <td>
        <code data-testid={`forward-local-${f.forwardId}`}>{f.localAddress}</code>
      </td>
      <td dir="auto">
        <span className={`env-dot env-dot--${f.environment ?? 'other'}`} aria-hidden="true" /> {dest.target}
        {dest.via && <span className="muted"> {t('sessions.forward.via', { instance: dest.via })}</span>}
        <span className="badge">{f.mode === 'smux' ? t('sessions.forward.smux') : t('sessions.forward.basic')}</span>
      </td>
      <td dir="auto">
        {f.accountName ?? f.accountId} <span className="muted">({f.roleName})</span>
      </td>
      <td data-testid={`forward-traffic-${f.forwardId}`}>
        {t('sessions.forward.traffic', { in: formatBytes(f.bytesIn, locale), out: formatBytes(f.bytesOut, locale) })}
        <div className="muted">{t('sessions.forward.connections', { count: f.connections, active: f.activeConnections })}</div>
      </td>
      <td>
        <span className={`tab__state tab__state--${f.state === 'listening' ? 'live' : f.state}`}>{t(`sessions.forward.state.${f.state}`)}</span>
        {endNote && <div className="muted">{endNote}</div>}
      </td>
      <td className="table__actions">
        {f.state !== 'ended' && (
          <button type="button" className="button button--small" onClick={onStop} data-testid={`forward-stop-${f.forwardId}`}>
            {t('sessions.forward.stop')}
          </button>
        )}
      </td>
    </tr>
  );
}
