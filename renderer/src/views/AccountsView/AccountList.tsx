// The accounts of a signed-in session, grouped by environment (production first), with search,
// favourites, role chips that open the AWS console, and a progress bar while roles load.
import { useEffect, useMemo, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { AccountsSnapshot, AccountSummary } from '../../../../common/api/accounts';
import type { ErrorValue } from '../../../../common/api/errors';
import { ENVIRONMENTS } from '../../../../common/environments';
import { useI18n } from '../../i18n/i18n';

interface Props {
  client: FumidaiClient;
  sessionId: string;
  onError: (e: ErrorValue) => void;
}

export function AccountList({ client, sessionId, onError }: Props) {
  const { t } = useI18n();
  const [snap, setSnap] = useState<AccountsSnapshot | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [exported, setExported] = useState<string | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void client.accounts.list({ sessionId }).then((r) => {
      if (!alive) return;
      if (r.ok) setSnap(r.value);
      else onError(r);
    });
    const off = client.accounts.onDidChange((s) => s.sessionId === sessionId && setSnap(s));
    return () => {
      alive = false;
      off();
    };
  }, [client, sessionId, onError]);

  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = snap?.accounts ?? [];
    if (!q) return list;
    return list.filter((a) => `${a.accountName} ${a.accountId} ${a.emailAddress} ${a.roles.join(' ')}`.toLowerCase().includes(q));
  }, [snap, query]);

  const toggleFavorite = async (a: AccountSummary) => {
    const r = await client.accounts.setFavorite({ accountId: a.accountId, favorite: !a.favorite });
    if (!r.ok) onError(r);
  };
  const openConsole = async (a: AccountSummary, roleName: string) => {
    const r = await client.accounts.openConsole({ sessionId, accountId: a.accountId, roleName });
    if (!r.ok) onError(r);
  };

  const favorites = filtered.filter((a) => a.favorite);
  const groups = ENVIRONMENTS.map((env) => ({ env, accounts: filtered.filter((a) => a.environment === env) })).filter((g) => g.accounts.length > 0);

  return (
    <div className="accounts" data-testid="account-list">
      <div className="accounts__toolbar">
        <input
          type="search"
          data-testid="accounts-search"
          className="accounts__search"
          placeholder={t('accounts.search')}
          aria-label={t('accounts.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="button" onClick={() => void client.accounts.list({ sessionId, refresh: true })} disabled={snap?.loading}>
          {t('accounts.refresh')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="export-profiles"
          title={t('accounts.export.hint')}
          onClick={() =>
            void client.accounts.exportProfiles({ sessionId }).then((r) => {
              if (r.ok) setExported(t('accounts.export.done', { count: r.value.profiles, path: r.value.path }));
              else onError(r);
            })
          }
        >
          {t('accounts.export')}
        </button>
        {snap?.fetchedAt && !snap.loading && <span className="muted">{t('accounts.updated', { time: new Date(snap.fetchedAt).toLocaleTimeString() })}</span>}
      </div>
      {snap?.loading && (
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={snap.progress?.total ?? 0} aria-valuenow={snap.progress?.done ?? 0} aria-label={t('accounts.loading')}>
          <div className="progress__bar" style={{ width: `${snap.progress && snap.progress.total ? (100 * snap.progress.done) / snap.progress.total : 5}%` }} />
        </div>
      )}
      {snap?.error && <p className="signin__error">{snap.error.message}</p>}
      {exported && (
        <p className="notice" role="status" data-testid="export-result">
          {exported}
        </p>
      )}
      {favorites.length > 0 && <AccountGroup title={t('accounts.favorites')} accounts={favorites} onFavorite={toggleFavorite} onRole={openConsole} testId="group-favorites" />}
      {groups.map((g) => (
        <AccountGroup key={g.env} title={t(`environment.${g.env}`)} env={g.env} accounts={g.accounts} onFavorite={toggleFavorite} onRole={openConsole} testId={`group-${g.env}`} />
      ))}
      {snap && !snap.loading && filtered.length === 0 && <p className="muted">{query ? t('accounts.noMatch') : t('accounts.none')}</p>}
    </div>
  );
}

function AccountGroup(props: {
  title: string;
  env?: string;
  accounts: AccountSummary[];
  onFavorite: (a: AccountSummary) => void;
  onRole: (a: AccountSummary, role: string) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <section className="accounts__group" data-testid={props.testId} aria-label={props.title}>
      <h2 className={`accounts__group-title${props.env ? ` env--${props.env}` : ''}`}>
        {props.title} <span className="muted">{props.accounts.length}</span>
      </h2>
      <ul className="accounts__rows">
        {props.accounts.map((a) => (
          <li key={a.accountId} className={`account${a.environment === 'production' ? ' account--production' : ''}`} data-testid={`account-${a.accountId}`}>
            <button
              type="button"
              className={`account__star${a.favorite ? ' account__star--on' : ''}`}
              aria-pressed={a.favorite}
              aria-label={a.favorite ? t('accounts.unfavorite', { name: a.accountName }) : t('accounts.favorite', { name: a.accountName })}
              data-testid={`favorite-${a.accountId}`}
              onClick={() => props.onFavorite(a)}
            >
              {a.favorite ? '★' : '☆'}
            </button>
            <div className="account__main">
              <div className="account__name">{a.accountName}</div>
              <div className="muted account__meta">
                {a.accountId} · {a.emailAddress}
              </div>
            </div>
            <div className="account__roles">
              {a.error ? (
                <span className="signin__error">{a.error}</span>
              ) : (
                a.roles.map((r) => (
                  <button key={r} type="button" className="role-chip" title={t('accounts.openConsole', { role: r })} onClick={() => props.onRole(a, r)}>
                    {r}
                  </button>
                ))
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
