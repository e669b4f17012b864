// The app's views. Hash routing, so a reload (or a browser-mode bookmark) keeps the view.
import type { MessageKey } from '../i18n/i18n';

export const VIEWS = ['accounts', 'instances', 'sessions', 'history', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<ViewId, MessageKey> = {
  accounts: 'accounts.title',
  instances: 'instances.title',
  sessions: 'sessions.title',
  history: 'history.title',
  settings: 'settings.title',
};

export const NAV_LABELS: Record<ViewId, MessageKey> = {
  accounts: 'nav.accounts',
  instances: 'nav.instances',
  sessions: 'nav.sessions',
  history: 'nav.history',
  settings: 'nav.settings',
};

export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(id) ? (id as ViewId) : 'accounts';
}
