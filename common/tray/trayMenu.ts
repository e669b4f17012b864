// The tray menu as plain data, worded in the user's language: what main/electron/tray.ts hands
// to Menu.buildFromTemplate (each item's action becomes its click handler there). Complete on its
// own — Linux's AppIndicator shows only this menu (no click on the icon itself) — so opening the
// window, signing in and quitting are all items. Favourites sit in the top level: tray click,
// host click, and the tab opens.
import { trayText, type TextLocale } from '../alerts/notificationText';
import { formatRemaining, type QuickConnectTarget, type TrayModel } from './trayModel';

export type TrayAction =
  | { type: 'connect'; target: QuickConnectTarget }
  | { type: 'focus-terminal'; terminalId: string }
  | { type: 'sign-in'; sessionId: string }
  | { type: 'sign-out'; sessionId: string }
  | { type: 'open' }
  | { type: 'install-update' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'label'; label: string }
  | { kind: 'action'; label: string; action: TrayAction; enabled: boolean }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] }
  | { kind: 'separator' };

/** Menu labels are plain text; a host named "&x" must not become an accelerator on Windows/Linux. */
const plain = (s: string) => s.replace(/&/g, '&&');

export function trayMenu(model: TrayModel, locale: TextLocale, now: number): TrayMenuItem[] {
  const t = (key: Parameters<typeof trayText>[1], params: Record<string, string | number> = {}) => trayText(locale, key, params);
  const items: TrayMenuItem[] = [{ kind: 'action', label: t('open'), action: { type: 'open' }, enabled: true }, { kind: 'separator' }];

  for (const s of model.sessions) {
    const name = plain(s.name);
    const left = (s.expiresAt ?? 0) - now;
    const status =
      s.state === 'signed-in' && left > 0
        ? t('signedIn', { name, remaining: formatRemaining(left) })
        : s.state === 'signed-in' || s.state === 'expired'
          ? t('expired', { name })
          : s.state === 'signing-in'
            ? t('signingIn', { name })
            : s.state === 'error'
              ? t('error', { name })
              : t('signedOut', { name });
    items.push({ kind: 'label', label: status });
    if (s.state === 'signed-in' && left > 0) items.push({ kind: 'action', label: t('signOut', { name }), action: { type: 'sign-out', sessionId: s.id }, enabled: true });
    else items.push({ kind: 'action', label: t('signIn', { name }), action: { type: 'sign-in', sessionId: s.id }, enabled: s.state !== 'signing-in' });
  }

  const connect = (target: QuickConnectTarget): TrayMenuItem => ({
    kind: 'action',
    label: plain(target.host.accountName ? `${target.host.name} — ${target.host.accountName}` : target.host.name),
    action: { type: 'connect', target },
    enabled: target.ssoSessionId !== undefined,
  });
  if (model.favorites.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'label', label: t('favorites') });
    if (!model.favorites.some((f) => f.ssoSessionId)) items.push({ kind: 'label', label: t('noSessionToConnect') });
    items.push(...model.favorites.map(connect));
  }
  if (model.recents.length > 0) items.push({ kind: 'submenu', label: t('recents'), items: model.recents.map(connect) });

  if (model.terminals.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'label', label: t('sessions') });
    for (const term of model.terminals) {
      const params = { host: plain(term.host), account: term.accountId };
      items.push({ kind: 'action', label: term.state === 'reconnecting' ? t('reconnecting', params) : t('session', params), action: { type: 'focus-terminal', terminalId: term.terminalId }, enabled: true });
    }
  }

  if (model.keys.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'label', label: t('keys') });
    for (const k of model.keys) items.push({ kind: 'label', label: t('key', { name: plain(k.label), remaining: formatRemaining(k.expiresAt - now) }) });
  }

  items.push({ kind: 'separator' });
  // A downloaded update sits next to Quit: restarting is the same kind of act. While sessions are
  // live it only says when it will install (a restart would cut them).
  if (model.update?.canRestart) items.push({ kind: 'action', label: t('restartToUpdate', { version: plain(model.update.version) }), action: { type: 'install-update' }, enabled: true });
  else if (model.update) items.push({ kind: 'label', label: t('updateWaits', { version: plain(model.update.version) }) });
  items.push({ kind: 'action', label: t('quit'), action: { type: 'quit' }, enabled: true });
  return items;
}
