// Find in the terminal's scrollback: type to search (matches highlighted, the current one marked),
// Enter / Shift+Enter for the next / previous match, Esc to close. Case and regular-expression
// toggles; an invalid expression says so instead of matching nothing silently.
import { useEffect, useRef, useState } from 'react';
import type { SearchAddon, ISearchOptions } from '@xterm/addon-search';
import { useI18n } from '../i18n/i18n';

const DECORATIONS: ISearchOptions['decorations'] = {
  matchBackground: '#6b5b00',
  matchOverviewRuler: '#d4b100',
  activeMatchBackground: '#c98a00',
  activeMatchColorOverviewRuler: '#ff9d00',
};

export function FindBar({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [regex, setRegex] = useState(false);
  const [results, setResults] = useState<{ index: number; count: number } | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
    const sub = search.onDidChangeResults((r) => setResults({ index: r.resultIndex, count: r.resultCount }));
    return () => sub.dispose();
  }, [search]);

  let invalid = false;
  if (regex && query) {
    try {
      new RegExp(query);
    } catch {
      invalid = true;
    }
  }
  const options = (incremental: boolean): ISearchOptions => ({ caseSensitive, regex, incremental, decorations: DECORATIONS });
  const find = (direction: 'next' | 'previous', incremental = false) => {
    if (!query || invalid) {
      search.clearDecorations();
      setResults(undefined);
      return;
    }
    if (direction === 'next') search.findNext(query, options(incremental));
    else search.findPrevious(query, options(false));
  };
  // Searching as the user types (and when a toggle changes).
  useEffect(() => {
    find('next', true);
    // `find` reads exactly these.
  }, [query, caseSensitive, regex]);

  const status = invalid
    ? t('terminal.find.invalid')
    : !query || !results
      ? ''
      : results.count === 0
        ? t('terminal.find.none')
        : results.index < 0
          ? t('terminal.find.many', { count: results.count })
          : t('terminal.find.count', { index: results.index + 1, count: results.count });

  return (
    <div className="findbar" role="search" data-testid="terminal-find">
      <input
        ref={input}
        type="search"
        value={query}
        placeholder={t('terminal.find.placeholder')}
        aria-label={t('terminal.find.placeholder')}
        aria-invalid={invalid || undefined}
        data-testid="terminal-find-input"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            find(e.shiftKey ? 'previous' : 'next');
          }
        }}
      />
      <span className="findbar__status muted" aria-live="polite" data-testid="terminal-find-status">
        {status}
      </span>
      <label className="findbar__toggle" title={t('terminal.find.case')}>
        <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
        Aa
      </label>
      <label className="findbar__toggle" title={t('terminal.find.regex')}>
        <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} />
        .*
      </label>
      <button type="button" className="button button--small" onClick={() => find('previous')} aria-label={t('terminal.find.previous')}>
        ↑
      </button>
      <button type="button" className="button button--small" onClick={() => find('next')} aria-label={t('terminal.find.next')}>
        ↓
      </button>
      <button type="button" className="button button--small" onClick={onClose} aria-label={t('terminal.find.close')}>
        ×
      </button>
    </div>
  );
}
