import { describe, expect, it } from 'vitest';
import type { SsoSessionSummary } from '../api/auth';
import type { TerminalSummary } from '../api/sessions';
import { buildTrayModel, formatRemaining, type TrayInput } from './trayModel';

const NOW = Date.UTC(2026, 0, 5, 9);
const MIN = 60_000;
const session = (patch: Partial<SsoSessionSummary> = {}): SsoSessionSummary => ({
  id: 'acme',
  name: 'acme',
  startUrl: 'https://acme.awsapps.com/start',
  region: 'us-east-1',
  source: 'sso-session',
  state: 'signed-in',
  expiresAt: NOW + 60 * MIN,
  canRefresh: true,
  ...patch,
});
const host = (id: string, name: string) => ({ instanceId: id, accountId: '111111111111', region: 'ap-northeast-1', name, roleName: 'Dev' });
const terminal = (patch: Partial<TerminalSummary>): TerminalSummary => ({
  terminalId: 't1',
  kind: 'ssm-shell',
  instanceId: 'i-0aaaaaaaaaaaaaaaa',
  accountId: '111111111111',
  region: 'ap-northeast-1',
  roleName: 'Dev',
  state: 'live',
  startedAt: NOW,
  ...patch,
});
const input = (patch: Partial<TrayInput> = {}): TrayInput => ({ sessions: [session()], keys: [], terminals: [], shortcuts: { favorites: [], recents: [] }, now: NOW, ...patch });

describe('buildTrayModel', () => {
  it('carries a downloaded update, restartable only with no live session', () => {
    expect(buildTrayModel(input()).update).toBeUndefined();
    expect(buildTrayModel(input({ update: { state: 'downloading', version: '1.2.0', liveSessions: 0 } })).update).toBeUndefined();
    expect(buildTrayModel(input({ update: { state: 'ready', version: '1.2.0', liveSessions: 0 } })).update).toEqual({ version: '1.2.0', canRestart: true });
    expect(buildTrayModel(input({ update: { state: 'ready', version: '1.2.0', liveSessions: 2 } })).update).toEqual({ version: '1.2.0', canRestart: false });
  });

  it('icon: signed out, ok, expiring (session or key within 15 min), expired', () => {
    expect(buildTrayModel(input({ sessions: [] })).icon).toBe('signed-out');
    expect(buildTrayModel(input({ sessions: [session({ state: 'signed-out', expiresAt: undefined })] })).icon).toBe('signed-out');
    expect(buildTrayModel(input()).icon).toBe('ok');
    expect(buildTrayModel(input({ sessions: [session({ expiresAt: NOW + 14 * MIN })] })).icon).toBe('expiring');
    expect(buildTrayModel(input({ keys: [{ id: 'key:k1', label: 'k', expiresAt: NOW + 4 * MIN }] })).icon).toBe('expiring');
    expect(buildTrayModel(input({ sessions: [session({ state: 'expired', expiresAt: NOW - 1 })] })).icon).toBe('expired');
    // Still "signed-in" in the last snapshot, but the clock has passed its expiry.
    expect(buildTrayModel(input({ sessions: [session({ expiresAt: NOW - 1 })] })).icon).toBe('expired');
  });

  it('favourites and recents carry the signed-in session that opens them; recents skip favourites', () => {
    const a = host('i-0aaaaaaaaaaaaaaaa', 'web-1');
    const b = host('i-0bbbbbbbbbbbbbbbb', 'db-1');
    const m = buildTrayModel(input({ sessions: [session({ id: 'old', state: 'expired', expiresAt: NOW - 1 }), session()], shortcuts: { favorites: [a], recents: [{ ...a, usedAt: 2 }, { ...b, usedAt: 1 }] } }));
    expect(m.favorites).toEqual([{ ssoSessionId: 'acme', host: a }]);
    expect(m.recents).toEqual([{ ssoSessionId: 'acme', host: b }]);
    const signedOut = buildTrayModel(input({ sessions: [], shortcuts: { favorites: [a], recents: [] } }));
    expect(signedOut.favorites).toEqual([{ host: a }]);
  });

  it('lists live terminals by host name (ended ones go) and keys still alive', () => {
    const m = buildTrayModel(
      input({
        terminals: [terminal({}), terminal({ terminalId: 't2', state: 'ended' })],
        hostName: (id) => (id === 'i-0aaaaaaaaaaaaaaaa' ? 'web-1' : undefined),
        keys: [
          { id: 'key:k1', label: 'bastion', expiresAt: NOW + 30 * MIN },
          { id: 'key:k2', label: 'gone', expiresAt: NOW - 1 },
        ],
      }),
    );
    expect(m.terminals).toEqual([{ terminalId: 't1', host: 'web-1', accountId: '111111111111', state: 'live' }]);
    expect(m.keys.map((k) => k.label)).toEqual(['bastion']);
  });

  it('formats the remaining time as h:mm:ss or m:ss', () => {
    expect(formatRemaining(3 * 3600_000 + 5 * MIN + 9000)).toBe('3:05:09');
    expect(formatRemaining(4 * MIN + 9000)).toBe('4:09');
    expect(formatRemaining(-5)).toBe('0:00');
  });
});
