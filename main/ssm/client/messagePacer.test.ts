import { describe, expect, it } from 'vitest';
import { MessagePacer } from './messagePacer';

describe('MessagePacer', () => {
  it('allows a burst, then holds the sustained rate below 1000 messages per second', () => {
    let now = 0;
    const pacer = new MessagePacer(900, 64, () => now);
    let sent = 0;
    while (pacer.tryTake()) sent += 1;
    expect(sent).toBe(64);
    expect(pacer.msUntilNext()).toBe(2); // 1/900 s rounded up
    // Ten simulated seconds of a producer that always wants to send.
    for (now = 0; now <= 10_000; now += 1) while (pacer.tryTake()) sent += 1;
    expect(sent).toBeGreaterThanOrEqual(64 + 8_999);
    expect(sent).toBeLessThanOrEqual(64 + 9_001);
    expect(sent / 10).toBeLessThan(1000);
  });

  it('never accumulates more than the burst while idle', () => {
    let now = 0;
    const pacer = new MessagePacer(900, 8, () => now);
    now = 60_000;
    let sent = 0;
    while (pacer.tryTake()) sent += 1;
    expect(sent).toBe(8);
  });

  it('refuses nonsense settings', () => {
    expect(() => new MessagePacer(0, 1)).toThrow(RangeError);
    expect(() => new MessagePacer(10, 0)).toThrow(RangeError);
  });
});
