import { describe, expect, it } from 'vitest';
import { trayMenu, type TrayMenuItem } from './trayMenu';
import type { TrayModel } from './trayModel';

const NOW = Date.UTC(2026, 0, 5, 9);
const web = { instanceId: 'i-0aaaaaaaaaaaaaaaa', accountId: '111111111111', region: 'ap-northeast-1', name: 'web & api', accountName: 'acme-prod', roleName: 'Dev' };
const db = { instanceId: 'i-0bbbbbbbbbbbbbbbb', accountId: '111111111111', region: 'ap-northeast-1', name: 'db-1' };
const model = (patch: Partial<TrayModel> = {}): TrayModel => ({
  icon: 'ok',
  sessions: [{ id: 'acme', name: 'acme', state: 'signed-in', expiresAt: NOW + 65 * 60_000 }],
  keys: [{ id: 'key:k1', label: '/fumidai/keys/bastion', expiresAt: NOW + 30 * 60_000 }],
  terminals: [{ terminalId: 't1', host: 'web-1', accountId: '111111111111', state: 'live' }],
  favorites: [{ ssoSessionId: 'acme', host: web }],
  recents: [{ ssoSessionId: 'acme', host: db }],
  ...patch,
});
const labels = (items: TrayMenuItem[]): string[] => items.map((i) => (i.kind === 'separator' ? '---' : i.kind === 'submenu' ? `${i.label} >` : i.label));

describe('trayMenu', () => {
  it('offers a downloaded update beside Quit, as a restart only when no session would be cut', () => {
    const ready = trayMenu(model({ update: { version: '1.2.0', canRestart: true } }), 'en', NOW);
    expect(labels(ready).slice(-3)).toEqual(['---', 'Restart to update to 1.2.0', 'Quit Fumidai']);
    expect(ready.at(-2)).toMatchObject({ kind: 'action', action: { type: 'install-update' }, enabled: true });
    const waiting = trayMenu(model({ update: { version: '1.2.0', canRestart: false } }), 'ja', NOW);
    expect(labels(waiting).slice(-3)).toEqual(['---', 'バージョン 1.2.0 は終了時にインストールされます', 'Fumidai を終了']);
    expect(waiting.at(-2)).toMatchObject({ kind: 'label' });
  });

  it('has open, the session with its remaining time, favourites, recents, sessions, keys and quit', () => {
    expect(labels(trayMenu(model(), 'en', NOW))).toEqual([
      'Open Fumidai',
      '---',
      'acme — 1:05:00 left',
      'Sign out of acme',
      '---',
      'Favourites',
      'web && api — acme-prod',
      'Recent hosts >',
      '---',
      'Active sessions',
      'web-1 (111111111111)',
      '---',
      'SSH keys',
      '/fumidai/keys/bastion — 30:00 left',
      '---',
      'Quit Fumidai',
    ]);
  });

  it('carries the actions: connect with the session and host, focus, sign out, quit', () => {
    const items = trayMenu(model(), 'en', NOW);
    const actions = items.flatMap((i) => (i.kind === 'action' ? [i.action] : i.kind === 'submenu' ? i.items.flatMap((s) => (s.kind === 'action' ? [s.action] : [])) : []));
    expect(actions).toEqual([
      { type: 'open' },
      { type: 'sign-out', sessionId: 'acme' },
      { type: 'connect', target: { ssoSessionId: 'acme', host: web } },
      { type: 'connect', target: { ssoSessionId: 'acme', host: db } },
      { type: 'focus-terminal', terminalId: 't1' },
      { type: 'quit' },
    ]);
  });

  it('signed out: sign in is offered and favourites cannot connect yet (in Japanese too)', () => {
    const items = trayMenu(model({ icon: 'signed-out', sessions: [{ id: 'acme', name: 'acme', state: 'expired', expiresAt: NOW - 1 }], favorites: [{ host: web }], recents: [], terminals: [], keys: [] }), 'ja', NOW);
    expect(labels(items)).toEqual(['Fumidai を開く', '---', 'acme — サインイン期限切れ', 'acme にサインイン', '---', 'お気に入り', '接続するにはサインインしてください', 'web && api — acme-prod', '---', 'Fumidai を終了']);
    const fav = items.find((i) => i.kind === 'action' && i.action.type === 'connect');
    expect(fav).toMatchObject({ enabled: false });
    expect(items.find((i) => i.kind === 'action' && i.action.type === 'sign-in')).toMatchObject({ action: { type: 'sign-in', sessionId: 'acme' }, enabled: true });
  });
});
