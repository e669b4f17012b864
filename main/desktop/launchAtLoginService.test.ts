import { describe, expect, it, vi } from 'vitest';
import { FumidaiError } from '../../common/api/errors';
import { LaunchAtLoginService } from './launchAtLoginService';
import { UNSUPPORTED_REASONS, unsupportedLoginItems, type LoginItemPort, type LoginItemReading } from './loginItemPort';

/** An OS whose login item the user can also change behind Fumidai's back. */
function fakeOs(initial: LoginItemReading = { enabled: false }) {
  const os = { reading: initial, ignoreWrites: false, approval: false };
  const port: LoginItemPort = {
    supported: true,
    place: 'the login items',
    get: vi.fn(async () => os.reading),
    set: vi.fn(async (enabled: boolean) => {
      if (os.ignoreWrites) return;
      os.reading = enabled && os.approval ? { enabled: true, needsApproval: true } : { enabled };
    }),
  };
  return { os, port };
}

describe('LaunchAtLoginService', () => {
  it('reads the OS every time, so a change made outside Fumidai shows at once', async () => {
    const { os, port } = fakeOs({ enabled: true });
    const service = new LaunchAtLoginService(port);
    expect(await service.get()).toEqual({ supported: true, enabled: true });
    os.reading = { enabled: false }; // the user removed it in System Settings
    expect(await service.get()).toEqual({ supported: true, enabled: false });
    expect(port.supported && port.get).toHaveBeenCalledTimes(2);
  });

  it('turns it on and off and answers with what the OS reports afterwards', async () => {
    const { port } = fakeOs();
    const log = vi.fn();
    const service = new LaunchAtLoginService(port, log);
    expect(await service.set(true)).toEqual({ supported: true, enabled: true });
    expect(await service.set(false)).toEqual({ supported: true, enabled: false });
    expect(log).toHaveBeenCalledWith('launch at login on');
  });

  it('reports a macOS login item waiting for approval as on, with the step left', async () => {
    const { os, port } = fakeOs();
    os.approval = true;
    expect(await new LaunchAtLoginService(port).set(true)).toEqual({ supported: true, enabled: true, needsApproval: true });
  });

  it('says so when the OS ignored the change, instead of showing a state it does not have', async () => {
    const { os, port } = fakeOs();
    os.ignoreWrites = true;
    const service = new LaunchAtLoginService(port);
    await expect(service.set(true)).rejects.toThrow(/does not list it\. Add Fumidai there yourself/);
    os.reading = { enabled: true };
    await expect(service.set(false)).rejects.toThrow(/still lists it/);
  });

  it('passes the port’s own explanation through, and words a bare error with the place', async () => {
    const { port } = fakeOs();
    const service = new LaunchAtLoginService(port);
    vi.mocked(port.supported && port.set).mockRejectedValueOnce(new FumidaiError('InvalidConfig', 'Fumidai could not write /x/autostart/fumidai.desktop: permission denied.'));
    await expect(service.set(true)).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringContaining('/x/autostart/fumidai.desktop') });
    vi.mocked(port.supported && port.set).mockRejectedValueOnce(new Error('registry locked'));
    await expect(service.set(true)).rejects.toMatchObject({ code: 'Internal', message: 'Fumidai could not add itself to the login items: registry locked' });
    vi.mocked(port.supported && port.get).mockRejectedValueOnce(new Error('EIO'));
    await expect(service.get()).rejects.toMatchObject({ message: 'Fumidai could not read whether it opens at login (the login items): EIO' });
  });

  it('runs changes one at a time, in the order asked', async () => {
    const { os, port } = fakeOs();
    const order: string[] = [];
    vi.mocked(port.supported && port.set).mockImplementation(async (enabled) => {
      order.push(`start ${enabled}`);
      await new Promise((r) => setTimeout(r, enabled ? 20 : 0));
      os.reading = { enabled };
      order.push(`end ${enabled}`);
    });
    const service = new LaunchAtLoginService(port);
    const [on, off] = await Promise.all([service.set(true), service.set(false)]);
    expect(order).toEqual(['start true', 'end true', 'start false', 'end false']);
    expect([on.enabled, off.enabled]).toEqual([true, false]);
  });

  it('keeps working after a failed change', async () => {
    const { port } = fakeOs();
    const service = new LaunchAtLoginService(port);
    vi.mocked(port.supported && port.set).mockRejectedValueOnce(new Error('busy'));
    await expect(service.set(true)).rejects.toThrow('busy');
    expect(await service.set(true)).toMatchObject({ enabled: true });
  });

  it('is unsupported with its reason, and refuses a change with the reason in words', async () => {
    const service = new LaunchAtLoginService(unsupportedLoginItems('unpackaged'));
    expect(await service.get()).toEqual({ supported: false, enabled: false, reason: 'unpackaged' });
    await expect(service.set(true)).rejects.toMatchObject({ code: 'NotSupported', message: UNSUPPORTED_REASONS.unpackaged, details: { reason: 'unpackaged' } });
  });
});
