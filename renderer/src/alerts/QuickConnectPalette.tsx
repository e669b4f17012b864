// Ctrl/Cmd+K: the tray's menu in the window (and the tray itself in browser mode) — favourite and
// recent hosts to open, live sessions to switch to, sign-ins to renew — filtered as you type and
// driven from the keyboard.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { QuickConnectTarget, TrayModel } from '../../../common/tray/trayModel';
import { formatRemaining } from '../../../common/tray/trayModel';
import { useI18n } from '../i18n/i18n';

export type PaletteChoice = { kind: 'connect'; target: QuickConnectTarget } | { kind: 'focus'; terminalId: string } | { kind: 'sign-in'; sessionId: string };

interface Entry {
  id: string;
  group: 'favorites' | 'recents' | 'sessions' | 'signIn';
  label: string;
  detail: string;
  choice: PaletteChoice;
  disabled?: string;
}

export function paletteEntries(model: TrayModel, now: number): Entry[] {
  const host = (group: 'favorites' | 'recents') => (t: QuickConnectTarget): Entry => ({
    id: `${group}:${t.host.instanceId}`,
    group,
    label: t.host.name,
    detail: [t.host.accountName ?? t.host.accountId, t.host.region, t.host.roleName].filter(Boolean).join(' · '),
    choice: { kind: 'connect', target: t },
  });
  return [
    ...model.favorites.map(host('favorites')),
    ...model.recents.map(host('recents')),
    ...model.terminals.map((term): Entry => ({ id: `session:${term.terminalId}`, group: 'sessions', label: term.host, detail: term.accountId, choice: { kind: 'focus', terminalId: term.terminalId } })),
    ...model.sessions
      .filter((s) => !(s.state === 'signed-in' && (s.expiresAt ?? 0) > now) && s.state !== 'signing-in')
      .map((s): Entry => ({ id: `signin:${s.id}`, group: 'signIn', label: s.name, detail: s.expiresAt ? formatRemaining(s.expiresAt - now) : '', choice: { kind: 'sign-in', sessionId: s.id } })),
  ];
}

function matches(e: Entry, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return q.split(/\s+/).every((word) => `${e.label} ${e.detail} ${e.id}`.toLowerCase().includes(word));
}

export function QuickConnectPalette({ model, onChoose, onClose }: { model: TrayModel | undefined; onChoose: (c: PaletteChoice) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);
  useEffect(() => {
    input.current?.focus();
    const previous = returnFocus.current;
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);
  const entries = useMemo(() => (model ? paletteEntries(model, Date.now()).filter((e) => matches(e, query)) : []), [model, query]);
  const index = Math.min(active, Math.max(0, entries.length - 1));
  const choose = (e: Entry | undefined) => e && onChoose(e.choice);
  const groupTitle = { favorites: t('alerts.palette.favorites'), recents: t('alerts.palette.recents'), sessions: t('alerts.palette.sessions'), signIn: t('alerts.palette.signIn') };
  return createPortal(
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('alerts.palette.title')} data-testid="quick-connect">
        <input
          ref={input}
          className="palette__input"
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={entries[index] ? `palette-${index}` : undefined}
          placeholder={t('alerts.palette.placeholder')}
          aria-label={t('alerts.palette.placeholder')}
          data-testid="quick-connect-input"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              onClose();
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((index + 1) % Math.max(1, entries.length));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((index - 1 + entries.length) % Math.max(1, entries.length));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              choose(entries[index]);
            }
          }}
        />
        {entries.length === 0 ? (
          <p className="muted palette__empty" data-testid="quick-connect-empty">
            {model && model.favorites.length + model.recents.length + model.terminals.length === 0 ? t('alerts.palette.nothingYet') : t('alerts.palette.noMatch')}
          </p>
        ) : (
          <ul className="palette__list" id="palette-list" role="listbox">
            {entries.map((e, i) => (
              <li key={e.id} role="presentation">
                {(i === 0 || entries[i - 1]!.group !== e.group) && <div className="palette__group">{groupTitle[e.group]}</div>}
                <div
                  id={`palette-${i}`}
                  role="option"
                  aria-selected={i === index}
                  className={`palette__item${i === index ? ' palette__item--active' : ''}`}
                  data-testid={`quick-connect-${e.id}`}
                  onMouseMove={() => setActive(i)}
                  onClick={() => choose(e)}
                >
                  <span className="palette__label">{e.label}</span>
                  <span className="palette__detail muted">{e.detail}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>,
    document.body,
  );
}
