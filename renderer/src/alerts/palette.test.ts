import { describe, expect, it } from 'vitest';
import type { TrayModel } from '../../../common/tray/trayModel';
import { paletteEntries } from './QuickConnectPalette';
import { isPaletteShortcut } from './paletteShortcut';
import { mergeNotification } from './useAlerts';

const NOW = Date.UTC(2026, 0, 5, 9);
const host = (id: string, name: string) => ({ instanceId: id, accountId: '222222222222', region: 'ap-northeast-1', name, accountName: 'acme-stg', roleName: 'Developer' });

describe('quick-connect palette', () => {
  it('offers favourites, recents, live sessions and expired sign-ins, in that order', () => {
    const model: TrayModel = {
      icon: 'expired',
      sessions: [
        { id: 'acme', name: 'acme', state: 'signed-in', expiresAt: NOW + 60_000 },
        { id: 'old', name: 'old-org', state: 'expired', expiresAt: NOW - 1 },
      ],
      keys: [],
      terminals: [{ terminalId: 't3', host: 'stg-web-1', accountId: '222222222222', state: 'live' }],
      favorites: [{ ssoSessionId: 'acme', host: host('i-0b22222222222222a', 'stg-web-1') }],
      recents: [{ ssoSessionId: 'acme', host: host('i-0c33333333333333a', 'dev-app-1') }],
    };
    expect(paletteEntries(model, NOW).map((e) => `${e.group}:${e.label}`)).toEqual(['favorites:stg-web-1', 'recents:dev-app-1', 'sessions:stg-web-1', 'signIn:old-org']);
    expect(paletteEntries(model, NOW)[0]!.detail).toBe('acme-stg · ap-northeast-1 · Developer');
  });

  it('opens on Ctrl+K, or Cmd+K on macOS, and nothing else', () => {
    const k = { key: 'k', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false };
    expect(isPaletteShortcut({ ...k, ctrlKey: true }, false)).toBe(true);
    expect(isPaletteShortcut({ ...k, key: 'K', ctrlKey: true }, false)).toBe(true);
    expect(isPaletteShortcut({ ...k, metaKey: true }, true)).toBe(true);
    expect(isPaletteShortcut({ ...k, ctrlKey: true }, true)).toBe(false);
    expect(isPaletteShortcut({ ...k, metaKey: true, shiftKey: true }, true)).toBe(false);
    expect(isPaletteShortcut({ ...k, ctrlKey: true, altKey: true }, false)).toBe(false);
    expect(isPaletteShortcut({ ...k }, false)).toBe(false);
    expect(isPaletteShortcut({ ...k, key: 'l', ctrlKey: true }, false)).toBe(false);
  });

  it("leaves Ctrl+K to the shell inside a terminal (readline's kill-line) and opens on Ctrl+Shift+K there", () => {
    const k = { key: 'k', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false };
    expect(isPaletteShortcut(k, false, true)).toBe(false);
    expect(isPaletteShortcut({ ...k, key: 'K', shiftKey: true }, false, true)).toBe(true);
    expect(isPaletteShortcut({ ...k, key: 'K', shiftKey: true }, false, false)).toBe(true);
    // Cmd never reaches the shell on macOS: Cmd+K works in a terminal too.
    expect(isPaletteShortcut({ ...k, ctrlKey: false, metaKey: true }, true, true)).toBe(true);
  });

  it('notification updates replace their entry; new ones go on top', () => {
    const n = (id: string, count = 1) => ({ id, kind: 'session-started' as const, severity: 'info' as const, at: 0, params: {}, actions: [], count, read: false, shown: true, resolved: false });
    expect(mergeNotification([n('n1')], n('n2')).map((x) => x.id)).toEqual(['n2', 'n1']);
    expect(mergeNotification([n('n2'), n('n1')], n('n1', 3)).map((x) => `${x.id}:${x.count}`)).toEqual(['n2:1', 'n1:3']);
  });
});
