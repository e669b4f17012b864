// Instances across every account and region of the signed-in session. One search box (words, id,
// IP, account, tag:Key=Value, exclusions; mistakes are reported under it), filters for environment,
// state, route and region, favourites and recents, a windowed list for fleets of 20,000, and a
// detail panel with the sessions each host offers. Rows appear as each account × region is listed;
// a cached inventory shows at once with its age.
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import { hostRefOf, type InstanceSummary } from '../../../../common/api/inventory';
import type { ErrorValue } from '../../../../common/api/errors';
import { ENVIRONMENTS } from '../../../../common/environments';
import { parseInstanceQuery } from '../../../../common/inventory/query';
import { sortInstances, type InstanceSort, type SortKey } from '../../../../common/inventory/sort';
import { EmptyState } from '../../components/EmptyState';
import { InstancesIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/i18n';
import { useAuth } from '../../hooks/useAuth';
import { useInstanceShortcuts } from '../../hooks/useInstanceShortcuts';
import { useInventoryPreferences } from '../../hooks/useInventoryPreferences';
import { useTerminals, type SshTabRoute } from '../../terminals/terminalsStore';
import { InstanceDetailPanel } from './InstanceDetailPanel';
import { InstanceList } from './InstanceList';
import { InventorySources } from './InventorySources';
import { InventoryStatus } from './InventoryStatus';
import { NO_FILTERS, SHOW_MODES, activeFilterCount, facetValues, marksOf, rowKey, toggleSort, visibleRows, type InstanceFilters } from './instanceListModel';
import { useInventory } from './useInventory';
import { useReveal, type RevealRequest } from './useReveal';
import { instanceStateLabel } from './instanceState';
import { queryIssueText } from './queryIssue';
import './instances.css';

interface Props {
  client: FumidaiClient;
  onError: (e: ErrorValue) => void;
  /** A shell was opened: show it. */
  onOpened: () => void;
  /** A port forward was started from the detail panel: show it in the Sessions view. */
  onForwardStarted?: () => void;
  /** Not signed in: go where sign-in happens. */
  onSignIn: () => void;
  /** A fumidai://connect link to bring up. */
  reveal?: RevealRequest;
}

const ROUTES = ['ssm', 'bastion', 'unreachable'] as const;
/** What a linked host's detail offers to open it: a shell, else SSH through its bastion (first match in the panel). */
const OPEN_BUTTONS = '[data-testid="detail-open-shell"], [data-testid="detail-open-ssh"]';

export function InstancesView({ client, onError, onOpened, onForwardStarted, onSignIn, reveal }: Props) {
  const { t } = useI18n();
  const auth = useAuth(client);
  const session = auth?.sessions.find((s) => s.state === 'signed-in');
  const sessionId = session?.id;
  const { snapshot, progress, rows, refresh } = useInventory(client, sessionId, onError);
  const { shortcuts, setFavorite } = useInstanceShortcuts(client, onError);
  const { preferences, change: changePreferences } = useInventoryPreferences(client, sessionId, onError);
  const terminals = useTerminals();

  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<InstanceFilters>(NO_FILTERS);
  const [sort, setSort] = useState<InstanceSort>({ key: 'name', direction: 'asc' });
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const searchBox = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLElement>(null);

  // Sorting follows the rows and the order only; typing never re-sorts 20,000 rows. While rows
  // stream in, the previous order stays on screen until the new one is ready.
  const streamedRows = useDeferredValue(rows);
  const sorted = useMemo(() => sortInstances(streamedRows, sort), [streamedRows, sort]);
  const parsed = useMemo(() => parseInstanceQuery(query), [query]);
  const marks = useMemo(() => marksOf(shortcuts), [shortcuts]);
  const shown = useMemo(() => visibleRows(sorted, parsed, filters, marks), [sorted, parsed, filters, marks]);
  const facets = useMemo(() => facetValues(streamedRows), [streamedRows]);
  const selectedInstance = useMemo(() => (selected ? rows.find((r) => rowKey(r) === selected) : undefined), [rows, selected]);

  const openShell = useCallback(
    (i: InstanceSummary, reason?: string, ssh?: SshTabRoute) => {
      if (!sessionId) return;
      terminals.open({ ssoSessionId: sessionId, instance: i, ...(ssh ? { ssh } : {}), ...(reason ? { reason } : {}) });
      onOpened();
    },
    [sessionId, terminals, onOpened],
  );
  const toggleFavorite = useCallback((i: InstanceSummary, favorite: boolean) => void setFavorite(hostRefOf(i), favorite), [setFavorite]);
  const onSort = useCallback((key: SortKey) => setSort((s) => toggleSort(s, key)), []);
  const focusPanel = useCallback(() => {
    const target = panel.current?.querySelector<HTMLElement>(OPEN_BUTTONS) ?? panel.current;
    target?.focus();
  }, []);
  const showLinked = useCallback(
    (i: InstanceSummary) => {
      setQuery('');
      setFilters(NO_FILTERS);
      setSelected(rowKey(i));
      // The Open shell button (or, for a host behind a bastion, SSH via the bastion) appears once
      // the host's detail has loaded: wait for it (a few seconds at most), unless the user has put
      // the focus somewhere else meanwhile.
      let tries = 0;
      const attempt = () => {
        const button = panel.current?.querySelector<HTMLElement>(OPEN_BUTTONS);
        const untouched = document.activeElement === document.body || document.activeElement === panel.current;
        if (button) {
          if (untouched) button.focus();
          return;
        }
        if (panel.current && untouched && tries === 0) panel.current.focus();
        if (++tries < 50) setTimeout(attempt, 100);
      };
      requestAnimationFrame(attempt);
    },
    [],
  );
  const linkNotFound = useCallback(
    (r: RevealRequest) => onError({ ok: false, code: 'NotFound', message: t('instances.link.notFound', { instance: r.instanceId, account: r.accountId }) }),
    [onError, t],
  );
  useReveal(reveal, rows, !!snapshot && !snapshot.loading, showLinked, linkNotFound);
  const closePanel = useCallback(() => {
    setSelected(undefined);
    document.querySelector<HTMLElement>('[data-testid="instance-grid"]')?.focus();
  }, []);

  if (!session || !sessionId) {
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

  const setFilter = <K extends keyof InstanceFilters>(key: K, value: InstanceFilters[K] | '') =>
    setFilters((f) => {
      const next = { ...f };
      if (value === '' || value === undefined) delete next[key];
      else next[key] = value as InstanceFilters[K];
      return next;
    });
  const total = rows.length;

  return (
    <div
      className="instances"
      data-testid="instance-list"
      onKeyDown={(e) => {
        // "/" jumps to the search box from anywhere in the view, as in most list UIs.
        const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
        if (e.key === '/' && !typing) {
          e.preventDefault();
          searchBox.current?.focus();
        }
      }}
    >
      <div className="instances__toolbar">
        <div className="instances__search">
          <input
            ref={searchBox}
            type="search"
            className="accounts__search"
            data-testid="instances-search"
            placeholder={t('instances.search')}
            aria-label={t('instances.search')}
            aria-describedby={parsed.problems.length ? 'instances-search-problems' : undefined}
            aria-invalid={parsed.problems.length ? true : undefined}
            value={query}
            spellCheck={false}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || (e.key === 'Enter' && shown.length > 0)) {
                e.preventDefault();
                if (!shown.some((r) => rowKey(r) === selected) && shown[0]) setSelected(rowKey(shown[0]));
                document.querySelector<HTMLElement>('[data-testid="instance-grid"]')?.focus();
              } else if (e.key === 'Escape' && query) {
                e.preventDefault();
                setQuery('');
              }
            }}
          />
          {parsed.problems.length > 0 && (
            <ul id="instances-search-problems" className="instances__problems" role="status" data-testid="search-problems">
              {parsed.issues.map((issue, n) => (
                <li key={n}>{t('instances.searchProblem', { problem: queryIssueText(t, issue) })}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="instances__filters" role="group" aria-label={t('instances.filters')}>
          <select aria-label={t('instances.filter.environment')} data-testid="filter-environment" value={filters.environment ?? ''} onChange={(e) => setFilter('environment', e.target.value as InstanceFilters['environment'])}>
            <option value="">{t('instances.filter.anyEnvironment')}</option>
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {t(`environment.${env}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('instances.filter.state')} data-testid="filter-state" value={filters.state ?? ''} onChange={(e) => setFilter('state', e.target.value)}>
            <option value="">{t('instances.filter.anyState')}</option>
            {facets.states.map((s) => (
              <option key={s} value={s}>
                {instanceStateLabel(t, s)}
              </option>
            ))}
          </select>
          <select aria-label={t('instances.filter.route')} data-testid="filter-route" value={filters.route ?? ''} onChange={(e) => setFilter('route', e.target.value as InstanceFilters['route'])}>
            <option value="">{t('instances.filter.anyRoute')}</option>
            {ROUTES.map((r) => (
              <option key={r} value={r}>
                {t(`instances.route.${r}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('instances.filter.region')} data-testid="filter-region" value={filters.region ?? ''} onChange={(e) => setFilter('region', e.target.value)}>
            <option value="">{t('instances.filter.anyRegion')}</option>
            {facets.regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <div className="segmented" role="radiogroup" aria-label={t('instances.show')}>
            {SHOW_MODES.map((m) => (
              <button key={m} type="button" role="radio" aria-checked={filters.show === m} className={`segmented__item${filters.show === m ? ' segmented__item--on' : ''}`} data-testid={`show-${m}`} onClick={() => setFilter('show', m)}>
                {t(`instances.show.${m}`)}
              </button>
            ))}
          </div>
          {activeFilterCount(filters) > 0 && (
            <button type="button" className="button button--ghost" onClick={() => setFilters(NO_FILTERS)} data-testid="filters-clear">
              {t('instances.filter.clear')}
            </button>
          )}
        </div>
        <span className="muted instances__count" data-testid="instances-count" aria-live="polite">
          {t('instances.count', { shown: shown.length, total })}
        </span>
      </div>

      <InventoryStatus snapshot={snapshot} progress={progress} onRefresh={(scope) => void refresh(scope)} />
      {snapshot && (snapshot.targets?.length ?? 0) > 0 && (
        <InventorySources
          client={client}
          sessionId={sessionId}
          snapshot={snapshot}
          preferences={preferences}
          onChangePreferences={changePreferences}
          onRefresh={(scope) => void refresh(scope)}
          onError={onError}
        />
      )}

      <div className={`instances__body${selectedInstance ? ' instances__body--detail' : ''}`}>
        <InstanceList
          rows={shown}
          query={query}
          selected={selected}
          onSelect={setSelected}
          onActivate={focusPanel}
          sort={sort}
          onSort={onSort}
          favorites={marks.favorites}
          onToggleFavorite={toggleFavorite}
          onOpenShell={openShell}
        />
        {selectedInstance && (
          <InstanceDetailPanel
            ref={panel}
            client={client}
            sessionId={sessionId}
            instance={selectedInstance}
            favorite={marks.favorites.has(selectedInstance.instanceId)}
            preferences={preferences}
            onChangePreferences={changePreferences}
            onToggleFavorite={toggleFavorite}
            onOpenShell={openShell}
            onForwardStarted={onForwardStarted}
            onError={onError}
            onClose={closePanel}
          />
        )}
      </div>
      {snapshot && !snapshot.loading && total > 0 && shown.length === 0 && (
        <p className="muted instances__none" data-testid="instances-none">
          {t('instances.noMatch')}
        </p>
      )}
      {snapshot && !snapshot.loading && total === 0 && !snapshot.error && (
        <p className="muted instances__none" data-testid="instances-none">
          {t('instances.noInstances', { regions: (snapshot.regions ?? []).join(', ') })}
        </p>
      )}
    </div>
  );
}
