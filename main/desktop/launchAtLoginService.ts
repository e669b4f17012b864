// Launch at login: the OS is the source of truth. Every read asks the port (the user may have
// turned it off in System Settings, Task Manager or by deleting the autostart entry since), and
// every change is read back, so the window never shows a state the OS does not have.
import type { LaunchAtLoginState } from '../../common/api/desktop';
import { FumidaiError } from '../../common/api/errors';
import { UNSUPPORTED_REASONS, type LoginItemPort, type LoginItemReading } from './loginItemPort';

export class LaunchAtLoginService {
  /** Changes run one at a time: two quick clicks must not interleave a write and a removal. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly port: LoginItemPort,
    private readonly log: (message: string) => void = () => {},
  ) {}

  async get(): Promise<LaunchAtLoginState> {
    const port = this.port;
    if (!port.supported) return { supported: false, enabled: false, reason: port.reason };
    return stateOf(await this.read());
  }

  set(enabled: boolean): Promise<LaunchAtLoginState> {
    const run = this.queue.then(() => this.apply(enabled));
    this.queue = run.catch(() => {});
    return run;
  }

  private async apply(enabled: boolean): Promise<LaunchAtLoginState> {
    const port = this.port;
    if (!port.supported) throw new FumidaiError('NotSupported', UNSUPPORTED_REASONS[port.reason], { reason: port.reason });
    try {
      await port.set(enabled);
    } catch (e) {
      if (e instanceof FumidaiError) throw e;
      throw new FumidaiError('Internal', `Fumidai could not ${enabled ? 'add itself to' : 'remove itself from'} ${port.place}: ${(e as Error).message}`);
    }
    const after = await this.read();
    // Registered and waiting for macOS's approval counts as done: the user has one step left, which
    // the window names. Anything else that differs means the OS ignored the request.
    if (after.enabled !== enabled) {
      throw new FumidaiError(
        'Internal',
        enabled
          ? `Fumidai asked the system to open it at login, but ${port.place} does not list it. Add Fumidai there yourself, or try again.`
          : `Fumidai asked the system not to open it at login, but ${port.place} still lists it. Remove Fumidai there yourself.`,
      );
    }
    this.log(`launch at login ${enabled ? 'on' : 'off'}${after.needsApproval ? ' (waiting for approval in System Settings)' : ''}`);
    return stateOf(after);
  }

  private async read(): Promise<LoginItemReading> {
    const port = this.port;
    if (!port.supported) return { enabled: false };
    try {
      return await port.get();
    } catch (e) {
      if (e instanceof FumidaiError) throw e;
      throw new FumidaiError('Internal', `Fumidai could not read whether it opens at login (${port.place}): ${(e as Error).message}`);
    }
  }
}

function stateOf(reading: LoginItemReading): LaunchAtLoginState {
  return { supported: true, enabled: reading.enabled, ...(reading.needsApproval ? { needsApproval: true } : {}) };
}
