import { describe, expect, it } from 'vitest';
import { desktopDomain } from '../../../../common/api/desktop';
import { FumidaiError } from '../../../../common/api/errors';
import { createMockClient } from '../../platform/mockClient';
import { changeLaunchAtLogin, launchAtLoginHint, readLaunchAtLogin } from './launchAtLogin';

describe('the Start up section', () => {
  it('shows what the OS has after a change', async () => {
    const mock = createMockClient();
    expect(await readLaunchAtLogin(mock.client)).toEqual({ state: { supported: true, enabled: false } });
    expect(await changeLaunchAtLogin(mock.client, true)).toEqual({ state: { supported: true, enabled: true } });
  });

  it('a failed change keeps the core’s reason and returns the checkbox to the real state', async () => {
    const mock = createMockClient({ launchAtLogin: { supported: true, enabled: false } });
    mock.handle(desktopDomain, 'setLaunchAtLogin', () => {
      throw new FumidaiError('InvalidConfig', 'Fumidai could not write /home/u/.config/autostart/fumidai.desktop: permission denied on /home/u/.config/autostart.');
    });
    const view = await changeLaunchAtLogin(mock.client, true);
    expect(view).toEqual({ state: { supported: true, enabled: false }, problem: expect.stringContaining('/home/u/.config/autostart/fumidai.desktop') });
    expect(mock.calls.map((c) => c.channel)).toEqual(['desktop:setLaunchAtLogin', 'desktop:getLaunchAtLogin']);
  });

  it('a failed read says why and claims no state', async () => {
    const mock = createMockClient();
    mock.handle(desktopDomain, 'getLaunchAtLogin', () => {
      throw new FumidaiError('Internal', 'Fumidai could not read whether it opens at login: EIO');
    });
    expect(await readLaunchAtLogin(mock.client)).toEqual({ problem: 'Fumidai could not read whether it opens at login: EIO' });
  });

  it('words the line under the checkbox: the reason, the step macOS waits for, or what it does', () => {
    expect(launchAtLoginHint({ supported: false, enabled: false, reason: 'browser-mode' })).toBe('settings.startup.unsupported.browserMode');
    expect(launchAtLoginHint({ supported: false, enabled: false, reason: 'unpackaged' })).toBe('settings.startup.unsupported.unpackaged');
    expect(launchAtLoginHint({ supported: true, enabled: true, needsApproval: true })).toBe('settings.startup.needsApproval');
    expect(launchAtLoginHint({ supported: true, enabled: false })).toBe('settings.startup.launchAtLogin.hint');
  });
});
