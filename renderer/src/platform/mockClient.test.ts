import { describe, expect, it } from 'vitest';
import { createMockClient } from './mockClient';
import { settingsDomain } from '../../../common/api/settings';
import { FumidaiError } from '../../../common/api/errors';

describe('createMockClient', () => {
  it('answers app and settings like main does, and emits onDidChange on update', async () => {
    const mock = createMockClient({ settings: { language: 'ja' } });
    expect(await mock.client.app.getInfo()).toMatchObject({ ok: true, value: { name: 'Fumidai', host: 'browser' } });
    expect(await mock.client.settings.get()).toMatchObject({ ok: true, value: { language: 'ja', theme: 'system' } });
    const changes: string[] = [];
    mock.client.settings.onDidChange((s) => changes.push(s.theme));
    expect(await mock.client.settings.update({ theme: 'dark', terminal: { fontSize: 16 } })).toMatchObject({ ok: true, value: { theme: 'dark', terminal: { fontSize: 16, scrollback: 10_000 } } });
    await Promise.resolve();
    expect(changes).toEqual(['dark']);
    expect(mock.calls.map((c) => c.channel)).toEqual(['app:getInfo', 'settings:get', 'settings:update']);
  });

  it('validates requests with the contract, as production does', async () => {
    const mock = createMockClient();
    expect(await mock.client.settings.update({ language: 'fr' as 'ja' })).toMatchObject({ ok: false, code: 'InvalidRequest' });
    expect(await mock.client.app.openExternal({ url: '' })).toMatchObject({ ok: false, code: 'InvalidRequest' });
    expect(mock.calls).toEqual([]);
  });

  it('answers NotSupported for members without a handler, and uses the ones given', async () => {
    const mock = createMockClient({
      handlers: { auth: { listSessions: () => { throw new FumidaiError('SsoExpired', 'sign in again'); } } },
    });
    expect(await mock.client.auth.listSessions()).toEqual({ ok: false, code: 'SsoExpired', message: 'sign in again' });
    expect(await mock.client.accounts.list({ sessionId: 'x' })).toMatchObject({ ok: false, code: 'NotSupported' });
    mock.handle(settingsDomain, 'get', () => { throw new FumidaiError('InvalidConfig', 'bad file'); });
    expect(await mock.client.settings.get()).toMatchObject({ ok: false, code: 'InvalidConfig' });
  });

  it('refuses fixtures that break the contract, naming the channel', async () => {
    const mock = createMockClient({ handlers: { settings: { get: () => ({ theme: 'purple' }) as never } } });
    const res = await mock.client.settings.get();
    expect(res).toMatchObject({ ok: false, code: 'Internal' });
    expect(res.ok ? '' : res.message).toContain('settings:get');
  });

  it('validates pushed events', async () => {
    const mock = createMockClient();
    expect(() => mock.emit(settingsDomain, 'onDidChange', { theme: 'purple' } as never)).toThrow();
  });

  it('implements the desktop domain: a login item that turns on and off, or refuses with its reason', async () => {
    const mock = createMockClient();
    expect(await mock.client.desktop.getLaunchAtLogin()).toEqual({ ok: true, value: { supported: true, enabled: false } });
    expect(await mock.client.desktop.setLaunchAtLogin({ enabled: true })).toEqual({ ok: true, value: { supported: true, enabled: true } });
    expect(await mock.client.desktop.getLaunchAtLogin()).toEqual({ ok: true, value: { supported: true, enabled: true } });
    const browser = createMockClient({ launchAtLogin: { supported: false, enabled: false, reason: 'browser-mode' } });
    expect(await browser.client.desktop.setLaunchAtLogin({ enabled: true })).toMatchObject({ ok: false, code: 'NotSupported' });
    expect(await browser.client.desktop.getLaunchAtLogin()).toEqual({ ok: true, value: { supported: false, enabled: false, reason: 'browser-mode' } });
  });
});
