import { describe, expect, it } from 'vitest';
import { OutgoingBuffer, ReceiveWindow, RttEstimator } from './reliability';

describe('RttEstimator', () => {
  it('follows the agent formula, updating RTTVAR with the old SRTT', () => {
    const rtt = new RttEstimator();
    expect(rtt.rto).toBe(200);
    rtt.sample(20);
    // RTTVAR = 0.75*0 + 0.25*|100-20| = 20; SRTT = 0.875*100 + 0.125*20 = 90; RTO = 90 + max(10, 80)
    expect(rtt.rttVar).toBe(20);
    expect(rtt.srtt).toBe(90);
    expect(rtt.rto).toBe(170);
    for (let i = 0; i < 100; i++) rtt.sample(5000);
    expect(rtt.rto).toBe(1000);
  });
});

describe('OutgoingBuffer', () => {
  it('acks by sequence number and resends only an expired head', () => {
    const buf = new OutgoingBuffer<string>(10, 'refuse');
    for (let i = 0; i < 3; i++) {
      buf.add(i, `m${i}`);
      buf.markSent(buf.head()!, 0);
    }
    expect(buf.dueForResend(100)).toBeUndefined();
    expect(buf.dueForResend(201)?.sequenceNumber).toBe(0);
    expect(buf.acknowledge(1, 50)?.item).toBe('m1');
    expect(buf.acknowledge(1, 50)).toBeUndefined();
    expect(buf.size).toBe(2);
  });

  it('applies the overflow policy', () => {
    const refuse = new OutgoingBuffer<number>(2, 'refuse');
    expect([refuse.add(0, 0), refuse.add(1, 1), refuse.add(2, 2)].map(Boolean)).toEqual([true, true, false]);
    const drop = new OutgoingBuffer<number>(2, 'drop-oldest');
    drop.add(0, 0);
    drop.add(1, 1);
    drop.add(2, 2);
    expect(drop.head()?.sequenceNumber).toBe(1);
  });
});

describe('ReceiveWindow', () => {
  it('delivers in order, buffers early messages and flags duplicates', () => {
    const w = new ReceiveWindow<string>(2);
    expect(w.offer(1, 'b')).toEqual({ kind: 'buffered' });
    expect(w.offer(2, 'c')).toEqual({ kind: 'buffered' });
    expect(w.offer(3, 'd')).toEqual({ kind: 'overflow' });
    expect(w.offer(0, 'a')).toEqual({ kind: 'deliver', items: ['a', 'b', 'c'] });
    expect(w.offer(1, 'b')).toEqual({ kind: 'duplicate' });
    expect(w.expected).toBe(3);
  });
});
