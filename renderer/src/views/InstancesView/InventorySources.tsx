// Where the list comes from, one row per account and one column per region: how each listing went
// (count, or the error), a refresh per account and per region, and the role each account is listed
// with — the user may pick another one (kept by the core; the account is listed again with it).
import { useEffect, useMemo, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue, Result } from '../../../../common/api/errors';
import type { InventoryPreferences, InventorySnapshot, InventoryTarget } from '../../../../common/api/inventory';
import { useI18n } from '../../i18n/i18n';
import type { PreferencesChange } from '../../hooks/useInventoryPreferences';
import type { RefreshScope } from './useInventory';

interface Props {
  client: FumidaiClient;
  sessionId: string;
  snapshot: InventorySnapshot;
  preferences: InventoryPreferences | undefined;
  onChangePreferences: (patch: PreferencesChange) => Promise<Result<InventoryPreferences>>;
  onRefresh: (scope?: RefreshScope) => void;
  onError: (e: ErrorValue) => void;
}

interface AccountRow {
  accountId: string;
  accountName: string;
  byRegion: Map<string, InventoryTarget>;
}

export function InventorySources({ client, sessionId, snapshot, preferences, onChangePreferences, onRefresh, onError }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [roles, setRoles] = useState<Map<string, string[]>>(new Map());
  const [problem, setProblem] = useState<{ accountId: string; message: string } | undefined>(undefined);
  const regions = snapshot.regions ?? [];
  const accounts = useMemo(() => {
    const byAccount = new Map<string, AccountRow>();
    for (const target of snapshot.targets ?? []) {
      const row = byAccount.get(target.accountId) ?? { accountId: target.accountId, accountName: target.accountName, byRegion: new Map() };
      row.byRegion.set(target.region, target);
      byAccount.set(target.accountId, row);
    }
    return [...byAccount.values()];
  }, [snapshot.targets]);

  // The roles each account offers, once the table is opened (the accounts service has them cached).
  useEffect(() => {
    if (!open) return;
    let alive = true;
    void client.accounts.list({ sessionId }).then((r) => {
      if (!alive) return;
      if (r.ok) setRoles(new Map(r.value.accounts.map((a) => [a.accountId, a.roles])));
      else onError(r);
    });
    return () => {
      alive = false;
    };
  }, [open, client, sessionId, onError]);

  return (
    <details className="sources" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="inventory-sources">
      <summary>{t('instances.sources.summary', { accounts: accounts.length, regions: regions.length })}</summary>
      {open && (
        <div className="sources__scroll">
          <table className="table sources__table">
            <thead>
              <tr>
                <th scope="col">{t('instances.col.account')}</th>
                <th scope="col">{t('instances.role.title')}</th>
                {regions.map((r) => (
                  <th scope="col" key={r}>
                    <span className="mono">{r}</span>{' '}
                    <button type="button" className="link-button" onClick={() => onRefresh({ region: r })} data-testid={`refresh-region-${r}`} aria-label={t('instances.sources.refreshRegion', { region: r })}>
                      ↻
                    </button>
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{t('instances.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => {
                const offered = roles.get(a.accountId) ?? [];
                const chosen = preferences?.roles[a.accountId] ?? '';
                const current = [...a.byRegion.values()].find((x) => x.roleName)?.roleName;
                return (
                  <tr key={a.accountId} data-testid={`source-${a.accountId}`}>
                    <th scope="row" dir="auto">
                      {a.accountName} <span className="muted mono account__meta">{a.accountId}</span>
                    </th>
                    <td>
                      {offered.length > 1 ? (
                        <select
                          aria-label={t('instances.role.label', { account: a.accountName })}
                          value={chosen}
                          data-testid={`role-${a.accountId}`}
                          onChange={async (e) => {
                            setProblem(undefined);
                            const r = await onChangePreferences({ roles: { [a.accountId]: e.target.value || null } });
                            if (!r.ok) setProblem({ accountId: a.accountId, message: r.message });
                          }}
                        >
                          <option value="">{t('instances.role.default', { role: current ?? offered[0]! })}</option>
                          {offered.map((r) => (
                            <option key={r} value={r}>
                              {r}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <span>{current ?? offered[0] ?? '—'}</span>
                      )}
                      {problem?.accountId === a.accountId && (
                        <div className="field__error" role="alert">
                          {problem.message}
                        </div>
                      )}
                    </td>
                    {regions.map((r) => {
                      const target = a.byRegion.get(r);
                      return (
                        <td
                          key={r}
                          className={`sources__cell sources__cell--${target?.status ?? 'none'}`}
                          title={target?.error?.message ?? ''}
                          data-testid={`source-${a.accountId}-${r}`}
                          data-fetched-at={target?.fetchedAt}
                        >
                          {!target ? '—' : target.status === 'error' ? target.error?.code : target.status === 'done' ? t('instances.sources.count', { count: target.instanceCount ?? 0 }) : t('instances.sources.loading')}
                        </td>
                      );
                    })}
                    <td>
                      <button type="button" className="button button--small" onClick={() => onRefresh({ accountId: a.accountId })} data-testid={`refresh-account-${a.accountId}`}>
                        {t('instances.sources.refreshAccount')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
