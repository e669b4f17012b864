// Instances across every account and region of the signed-in session: one search box (words,
// tag:Key=Value, route:, env:, region:, state:), how each host can be reached, and why not.
import { useEffect, useMemo, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { InventorySnapshot, InstanceSummary } from '../../../../common/api/inventory';
import type { ErrorValue } from '../../../../common/api/errors';
import { matchesInstance, parseInstanceQuery } from '../../../../common/inventory/query';
import { EmptyState } from '../../components/EmptyState';
import { InstancesIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/i18n';
import { useAuth } from '../../hooks/useAuth';
import { useTerminals } from '../../terminals/terminalsStore';
import { OpenShellButton } from './OpenShellButton';

/** Rows rendered at once; the search narrows large fleets (virtualised scrolling is planned). */
const MAX_ROWS = 500;

interface Props {
  client: FumidaiClient;
  onError: (e: ErrorValue) => void;
  /** A shell was opened: show it. */
  onOpened: () => void;
  /** Not signed in: go where sign-in happens. */
  onSignIn: () => void;
}

export function InstancesView({ client, onError, onOpened, onSignIn }: Props) {
  const { t } = useI18n();
  const auth = useAuth(client);
  const session = auth?.sessions.find((s) => s.state === 'signed-in');
  const [snap, setSnap] = useState<InventorySnapshot | undefined>(undefined);
  const [query, setQuery] = useState('');
  const terminals = useTerminals();
  useEffect(() => {
    if (!session) return;
    let alive = true;
    void client.inventory.list({ sessionId: session.id }).then((r) => {
      if (!alive) return;
      if (r.ok) setSnap(r.value);
      else onError(r);
    });
    const off = client.inventory.onDidChange((s) => s.sessionId === session.id && setSnap(s));
    return () => {
      alive = false;
      off();
    };
  }, [client, session?.id, onError, session]);
  const parsed = useMemo(() => parseInstanceQuery(query), [query]);
  const matches = useMemo(() => (snap?.instances ?? []).filter((i) => matchesInstance(i, parsed)), [snap, parsed]);

  if (!session) {
    return (
      <EmptyState
        icon={<InstancesIcon />}
        title={t('instances.empty.title')}
        action={
          <button type="button" className="button button--primary" onClick={onSignIn} data-testid="instances-sign-in">
            {t('instances.empty.signIn')}
          </button>
        }
      >
        <p>{t('instances.empty.body')}</p>
      </EmptyState>
    );
  }
  return (
    <div className="instances" data-testid="instance-list">
      <div className="accounts__toolbar">
        <input
          type="search"
          className="accounts__search"
          data-testid="instances-search"
          placeholder={t('instances.search')}
          aria-label={t('instances.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="button" disabled={snap?.loading} onClick={() => void client.inventory.list({ sessionId: session.id, refresh: true })}>
          {t('accounts.refresh')}
        </button>
        <span className="muted" data-testid="instances-count">
          {t('instances.count', { shown: Math.min(matches.length, MAX_ROWS), total: snap?.instances.length ?? 0 })}
        </span>
      </div>
      {snap?.loading && (
        <div className="progress" role="progressbar" aria-label={t('instances.loading')} aria-valuemin={0} aria-valuemax={snap.progress?.total ?? 0} aria-valuenow={snap.progress?.done ?? 0}>
          <div className="progress__bar" style={{ width: `${snap.progress && snap.progress.total ? (100 * snap.progress.done) / snap.progress.total : 5}%` }} />
        </div>
      )}
      {snap?.errors.map((e) => (
        <p key={`${e.accountId}/${e.region}`} className="notice" role="status">
          {t('instances.accountError', { account: e.accountName, region: e.region, message: e.message })}
        </p>
      ))}
      <table className="table">
        <thead>
          <tr>
            <th>{t('instances.col.name')}</th>
            <th>{t('instances.col.account')}</th>
            <th>{t('instances.col.region')}</th>
            <th>{t('instances.col.state')}</th>
            <th>{t('instances.col.ip')}</th>
            <th>{t('instances.col.route')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {matches.slice(0, MAX_ROWS).map((i) => (
            <InstanceRow
              key={`${i.accountId}/${i.region}/${i.instanceId}`}
              instance={i}
              onOpen={(reason) => {
                terminals.open({ ssoSessionId: session.id, instance: i, ...(reason ? { reason } : {}) });
                onOpened();
              }}
            />
          ))}
        </tbody>
      </table>
      {matches.length > MAX_ROWS && <p className="muted">{t('instances.narrow', { count: matches.length - MAX_ROWS })}</p>}
    </div>
  );
}

function InstanceRow({ instance: i, onOpen }: { instance: InstanceSummary; onOpen: (reason?: string) => void }) {
  const { t } = useI18n();
  return (
    <tr data-testid={`instance-${i.instanceId}`} className={i.environment === 'production' ? 'row--production' : undefined}>
      <td>
        <div className="account__name">{i.name}</div>
        <div className="muted account__meta">{i.instanceId}</div>
      </td>
      <td>
        <span className={`env-dot env-dot--${i.environment}`} aria-hidden="true" />
        {i.accountName}
      </td>
      <td>{i.region}</td>
      <td>{i.state}</td>
      <td className="mono">{i.privateIp ?? ''}</td>
      <td>
        <span className={`route route--${i.route.kind}`} title={i.route.reason ?? ''} data-testid={`route-${i.instanceId}`}>
          {t(`instances.route.${i.route.kind}`)}
        </span>
        {i.route.reason && <div className="muted account__meta">{i.route.reason}</div>}
      </td>
      <td>
        <OpenShellButton instance={i} onOpen={onOpen} />
      </td>
    </tr>
  );
}
