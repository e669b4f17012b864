// History: the shell sessions recorded on this computer — who, which account and role, which
// instance, why, when, and how each ended — newest first, and a replay of the one picked. The list
// follows the sessions domain: a session that ends appears (complete) without a refresh.
import { useCallback, useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import type { RecordingEntry } from '../../../../common/api/history';
import { EmptyState } from '../../components/EmptyState';
import { HistoryIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/i18n';
import { formatBytes, formatDuration } from '../SessionsView/format';
import { ReplayPanel } from './ReplayPanel';
import { historyEndText } from './historyEnd';

interface Props {
  client: FumidaiClient;
  fontSize: number;
  onError: (e: ErrorValue) => void;
  onOpenSettings: () => void;
}

export function HistoryView({ client, fontSize, onError, onOpenSettings }: Props) {
  const { t, locale } = useI18n();
  const [entries, setEntries] = useState<RecordingEntry[] | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const load = useCallback(() => {
    void client.history.list().then((r) => {
      if (r.ok) setEntries(r.value);
      else onError(r);
    });
  }, [client, onError]);
  useEffect(() => {
    load();
    // A session that ends (or starts) changes the list.
    return client.sessions.onDidChange((s) => {
      if (s.recording && (s.state === 'ended' || s.state === 'live')) load();
    });
  }, [client, load]);

  if (!entries) return <p className="muted">{t('app.loading')}</p>;
  if (entries.length === 0) {
    return (
      <EmptyState
        icon={<HistoryIcon />}
        title={t('history.empty.title')}
        action={
          <button type="button" className="button" onClick={onOpenSettings}>
            {t('history.empty.settings')}
          </button>
        }
      >
        <p>{t('history.empty.body')}</p>
      </EmptyState>
    );
  }
  const entry = entries.find((e) => e.name === selected);
  const when = (ms: number) => new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div className="history">
      <div className="history__toolbar">
        <p className="muted">{t('history.count', { count: entries.length })}</p>
        <button type="button" className="button button--small" onClick={load} data-testid="history-refresh">
          {t('history.refresh')}
        </button>
      </div>
      <table className="table history__list" data-testid="history-list">
        <thead>
          <tr>
            <th>{t('history.col.started')}</th>
            <th>{t('history.col.who')}</th>
            <th>{t('history.col.instance')}</th>
            <th>{t('history.col.account')}</th>
            <th>{t('history.col.reason')}</th>
            <th>{t('history.col.end')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr
              key={e.name}
              className={`history__row${e.name === selected ? ' history__row--selected' : ''}`}
              aria-selected={e.name === selected}
              data-testid={`history-${e.awsSessionId ?? e.name}`}
              tabIndex={0}
              onClick={() => setSelected(e.name)}
              onKeyDown={(k) => {
                if (k.key === 'Enter' || k.key === ' ') {
                  k.preventDefault();
                  setSelected(e.name);
                }
              }}
            >
              <td>
                {when(e.startedAt)}
                <div className="muted">
                  {e.durationSeconds !== undefined ? `${formatDuration(e.durationSeconds)} · ` : ''}
                  {formatBytes(e.sizeBytes, locale)}
                </div>
              </td>
              <td dir="auto">{e.identity ?? '—'}</td>
              <td dir="auto">
                {e.instanceName ?? e.instanceId ?? '—'}
                {e.instanceName && <div className="muted mono">{e.instanceId}</div>}
              </td>
              <td dir="auto">
                {e.accountName ?? e.accountId ?? '—'}
                {e.roleName && <div className="muted">{e.roleName}</div>}
              </td>
              <td dir="auto">{e.reason ?? <span className="muted">—</span>}</td>
              <td data-testid={`history-end-${e.awsSessionId ?? e.name}`}>
                {e.problem ? (
                  <span className="field__error">{t('history.unreadable', { problem: e.problem })}</span>
                ) : !e.complete ? (
                  <span className="muted">{t('history.incomplete')}</span>
                ) : e.exitCode !== undefined ? (
                  t('history.exit', { code: e.exitCode })
                ) : (
                  historyEndText(t, e)
                )}
                {e.endedAt !== undefined && <div className="muted">{when(e.endedAt)}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entry && !entry.problem && <ReplayPanel key={entry.name} client={client} entry={entry} fontSize={fontSize} onError={onError} />}
    </div>
  );
}
