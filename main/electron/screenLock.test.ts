import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { wipeKeysOnLock, type LockSignals } from './screenLock';

describe('wipeKeysOnLock', () => {
  it('wipes the keys when the screen locks and when the system suspends, and on nothing else', () => {
    const monitor = new EventEmitter();
    const wiped: string[] = [];
    wipeKeysOnLock(monitor as unknown as LockSignals, (reason) => wiped.push(reason));
    monitor.emit('unlock-screen');
    monitor.emit('resume');
    expect(wiped).toEqual([]);
    monitor.emit('lock-screen');
    monitor.emit('suspend');
    expect(wiped).toEqual(['lock', 'lock']);
  });
});
