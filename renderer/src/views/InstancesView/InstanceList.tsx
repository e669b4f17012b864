// The instance list: a keyboard-navigable grid whose rows are windowed (only those in view are in
// the DOM), so 20,000 instances scroll and filter without lag. Column headers sort; the arrow keys,
// Page Up/Down, Home and End move the selection, which the detail panel follows; Enter moves focus
// into the panel, where the sessions are.
import { memo, useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { InstanceSummary } from '../../../../common/api/inventory';
import type { InstanceSort, SortKey } from '../../../../common/inventory/sort';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { routeReason } from './routeReason';
import { instanceStateLabel } from './instanceState';
import { KEY_MOVES, moveSelection, rowKey } from './instanceListModel';
import { OpenShellButton } from './OpenShellButton';
import { OpenSessionButton } from './OpenSessionButton';
import { listSshRoute } from '../../terminals/sshRoute';
import type { SshTabRoute } from '../../terminals/tabModel';
import { useWindowedRows } from './useWindowedRows';

export const ROW_HEIGHT = 48;

const COLUMNS: ReadonlyArray<{ label: MessageKey; sort?: SortKey; className: string }> = [
  { label: 'instances.col.favorite', className: 'ilist__star' },
  { label: 'instances.col.name', sort: 'name', className: 'ilist__name' },
  { label: 'instances.col.account', sort: 'account', className: 'ilist__account' },
  { label: 'instances.col.region', sort: 'region', className: 'ilist__region' },
  { label: 'instances.col.state', sort: 'state', className: 'ilist__state' },
  { label: 'instances.col.ip', sort: 'privateIp', className: 'ilist__ip' },
  { label: 'instances.col.route', sort: 'route', className: 'ilist__route' },
  { label: 'instances.col.actions', className: 'ilist__actions' },
];

interface Props {
  rows: readonly InstanceSummary[];
  /** The search text these rows answer (exposed for measurements: data-query). */
  query: string;
  selected: string | undefined;
  onSelect: (key: string | undefined) => void;
  /** Enter on a row: go to its details. */
  onActivate: () => void;
  sort: InstanceSort;
  onSort: (key: SortKey) => void;
  favorites: ReadonlySet<string>;
  onToggleFavorite: (instance: InstanceSummary, favorite: boolean) => void;
  onOpenShell: (instance: InstanceSummary, reason?: string, ssh?: SshTabRoute) => void;
}

export const elementIdOf = (key: string) => `irow-${key.replace(/[^A-Za-z0-9-]/g, '_')}`;

export function InstanceList({ rows, query, selected, onSelect, onActivate, sort, onSort, favorites, onToggleFavorite, onOpenShell }: Props) {
  const { t } = useI18n();
  const viewport = useRef<HTMLDivElement>(null);
  const { range, totalHeight, pageSize, onScroll, scrollToIndex } = useWindowedRows(viewport, rows.length, ROW_HEIGHT);
  const selectedIndex = selected === undefined ? -1 : rows.findIndex((r) => rowKey(r) === selected);

  // The selection stays in view when it moves (keys) or the list changes under it (search).
  useEffect(() => {
    if (selectedIndex >= 0) scrollToIndex(selectedIndex);
  }, [selectedIndex, scrollToIndex]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // keys inside a row's buttons are theirs
    const move = KEY_MOVES[e.key];
    if (move) {
      e.preventDefault();
      onSelect(moveSelection(rows, selectedIndex >= 0 ? selected : undefined, move, pageSize));
    } else if (e.key === 'Enter' && selectedIndex >= 0) {
      e.preventDefault();
      onActivate();
    } else if (e.key === 'Escape' && selected) {
      e.preventDefault();
      onSelect(undefined);
    }
  };

  return (
    <div
      className="ilist"
      role="grid"
      aria-label={t('instances.listLabel')}
      aria-description={t('instances.listKeys')}
      aria-rowcount={rows.length + 1}
      aria-multiselectable="false"
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? elementIdOf(selected!) : undefined}
      data-testid="instance-grid"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="ilist__head">
        <div role="row" aria-rowindex={1} className="ilist__row ilist__row--head">
          {COLUMNS.map((c) => {
            const active = c.sort && sort.key === c.sort;
            return (
              <div
                key={c.label}
                role="columnheader"
                className={`ilist__cell ${c.className}`}
                aria-sort={active ? (sort.direction === 'desc' ? 'descending' : 'ascending') : c.sort ? 'none' : undefined}
              >
                {c.sort ? (
                  <button type="button" className="ilist__sort" data-testid={`sort-${c.sort}`} onClick={() => onSort(c.sort!)}>
                    {t(c.label)}
                    <span aria-hidden="true" className="ilist__sort-mark">
                      {active ? (sort.direction === 'desc' ? '▼' : '▲') : ''}
                    </span>
                  </button>
                ) : (
                  <span className={c.className === 'ilist__star' ? 'visually-hidden' : undefined}>{t(c.label)}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={viewport}
        className="ilist__viewport"
        role="rowgroup"
        data-testid="instance-rows"
        data-row-count={rows.length}
        data-query={query}
        onScroll={onScroll}
      >
        <div className="ilist__spacer" style={{ height: totalHeight }}>
          {rows.slice(range.start, range.end).map((i, n) => {
            const index = range.start + n;
            const key = rowKey(i);
            return (
              <InstanceRow
                key={key}
                instance={i}
                rowKey={key}
                index={index}
                selected={key === selected}
                favorite={favorites.has(i.instanceId)}
                onSelect={onSelect}
                onToggleFavorite={onToggleFavorite}
                onOpenShell={onOpenShell}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  instance: InstanceSummary;
  rowKey: string;
  index: number;
  selected: boolean;
  favorite: boolean;
  onSelect: (key: string) => void;
  onToggleFavorite: (instance: InstanceSummary, favorite: boolean) => void;
  onOpenShell: (instance: InstanceSummary, reason?: string, ssh?: SshTabRoute) => void;
}

const InstanceRow = memo(function InstanceRow({ instance: i, rowKey: key, index, selected, favorite, onSelect, onToggleFavorite, onOpenShell }: RowProps) {
  const { t } = useI18n();
  const reason = routeReason(t, i.route);
  const ssh = listSshRoute(i);
  const style: CSSProperties = { transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT };
  return (
    <div
      role="row"
      id={elementIdOf(key)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`ilist__row${selected ? ' ilist__row--selected' : ''}${i.environment === 'production' ? ' ilist__row--production' : ''}`}
      style={style}
      data-testid={`instance-${i.instanceId}`}
      onClick={() => onSelect(key)}
    >
      <div role="gridcell" className="ilist__cell ilist__star">
        <button
          type="button"
          className={`account__star${favorite ? ' account__star--on' : ''}`}
          aria-pressed={favorite}
          aria-label={t(favorite ? 'instances.unfavorite' : 'instances.favorite')}
          title={t(favorite ? 'instances.unfavorite' : 'instances.favorite')}
          data-testid={`star-${i.instanceId}`}
          onClick={(e) => {
            e.stopPropagation();
            onToggleFavorite(i, !favorite);
          }}
        >
          {favorite ? '★' : '☆'}
        </button>
      </div>
      <div role="gridcell" className="ilist__cell ilist__name">
        <div className="account__name ilist__clip" dir="auto" title={i.name.length <= 200 ? i.name : undefined}>
          {i.name}
        </div>
        <div className="muted account__meta mono">{i.instanceId}</div>
      </div>
      <div role="gridcell" className="ilist__cell ilist__account">
        <div className="ilist__clip" dir="auto">
          <span className={`env-dot env-dot--${i.environment}`} aria-hidden="true" />
          {i.accountName}
        </div>
        <div className="muted account__meta mono">{i.accountId}</div>
      </div>
      <div role="gridcell" className="ilist__cell ilist__region">
        {i.region}
      </div>
      <div role="gridcell" className="ilist__cell ilist__state">
        <span className={`state state--${i.state}`}>{instanceStateLabel(t, i.state)}</span>
      </div>
      <div role="gridcell" className="ilist__cell ilist__ip mono">
        {i.privateIp ?? ''}
      </div>
      <div role="gridcell" className="ilist__cell ilist__route">
        <span className={`route route--${i.route.kind}`} title={reason ?? ''} data-testid={`route-${i.instanceId}`}>
          {t(`instances.route.${i.route.kind}`)}
        </span>
        {reason && <div className="muted account__meta ilist__clip">{reason}</div>}
      </div>
      <div role="gridcell" className="ilist__cell ilist__actions">
        <OpenShellButton instance={i} onOpen={(reason) => onOpenShell(i, reason)} className="button button--small" />
        {ssh && (
          <span title={t('instances.ssh.listTitle', { bastion: i.route.bastionName ?? i.route.bastionId ?? '' })}>
            <OpenSessionButton instance={i} label={t('instances.ssh.list')} onOpen={(reason) => onOpenShell(i, reason, ssh)} testId={`open-ssh-${i.instanceId}`} className="button button--small" />
          </span>
        )}
      </div>
    </div>
  );
});
