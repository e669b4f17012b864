// SSH keys must not outlive the person at the keyboard: when the screen locks or the machine goes
// to sleep, the vault wipes every key (connecting again after unlocking loads them anew).
import type { PowerMonitor } from 'electron';

export type LockSignals = Pick<PowerMonitor, 'on'>;

export function wipeKeysOnLock(powerMonitor: LockSignals, wipe: (reason: 'lock') => void, log: (m: string) => void = () => {}): void {
  const onLock = (what: string) => () => {
    log(`${what}: wiping SSH keys`);
    wipe('lock');
  };
  powerMonitor.on('lock-screen', onLock('screen locked'));
  powerMonitor.on('suspend', onLock('system suspending'));
}
