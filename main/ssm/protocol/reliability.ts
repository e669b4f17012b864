// Reliable delivery over the data channel, as both the SSM agent and the plugin do it: one sequence
// counter per direction, an outgoing buffer of unacknowledged messages retransmitted head-first by
// an RTO timer, and a receive window that delivers in order and buffers what arrives early.
// Pure state machines: the caller supplies the time and does the I/O.

export const RETRANSMISSION_DEFAULTS = {
  /** How often the head of the outgoing buffer is examined. */
  resendScanIntervalMs: 100,
  initialRtoMs: 200,
  initialSrttMs: 100,
  initialRttVarMs: 0,
  /** α = 1/8 */
  rttGain: 1 / 8,
  /** β = 1/4 */
  rttVarGain: 1 / 4,
  clockGranularityMs: 10,
  maxRtoMs: 1000,
} as const;

export type RetransmissionTiming = { -readonly [K in keyof typeof RETRANSMISSION_DEFAULTS]: number };

/** RFC 6298-style estimator with the agent's constants and update order (RTTVAR uses the old SRTT). */
export class RttEstimator {
  srtt: number;
  rttVar: number;
  rto: number;

  constructor(private readonly timing: RetransmissionTiming = { ...RETRANSMISSION_DEFAULTS }) {
    this.srtt = timing.initialSrttMs;
    this.rttVar = timing.initialRttVarMs;
    this.rto = timing.initialRtoMs;
  }

  sample(rttMs: number): void {
    const t = this.timing;
    this.rttVar = (1 - t.rttVarGain) * this.rttVar + t.rttVarGain * Math.abs(this.srtt - rttMs);
    this.srtt = (1 - t.rttGain) * this.srtt + t.rttGain * rttMs;
    this.rto = Math.min(t.maxRtoMs, this.srtt + Math.max(t.clockGranularityMs, 4 * this.rttVar));
  }
}

export interface OutgoingEntry<T> {
  sequenceNumber: number;
  item: T;
  /** When it was first written to a live socket (undefined while never sent). */
  firstSentMs: number | undefined;
  lastSentMs: number | undefined;
  attempts: number;
}

export type OverflowPolicy = 'refuse' | 'drop-oldest';

/**
 * Unacknowledged sequenced messages in send order. Acks look up the sequence number only.
 * The agent refuses new entries when full; the plugin discards the oldest.
 */
export class OutgoingBuffer<T> {
  private readonly entries = new Map<number, OutgoingEntry<T>>();
  readonly rtt: RttEstimator;

  constructor(
    readonly capacity: number,
    readonly overflow: OverflowPolicy,
    timing?: RetransmissionTiming,
  ) {
    this.rtt = new RttEstimator(timing);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds a message; returns its entry, or undefined if the buffer is full and the policy refuses. */
  add(sequenceNumber: number, item: T): OutgoingEntry<T> | undefined {
    if (this.entries.size >= this.capacity) {
      if (this.overflow === 'refuse') return undefined;
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const entry: OutgoingEntry<T> = { sequenceNumber, item, firstSentMs: undefined, lastSentMs: undefined, attempts: 0 };
    this.entries.set(sequenceNumber, entry);
    return entry;
  }

  /** Records a (re)transmission of an entry. */
  markSent(entry: OutgoingEntry<T>, nowMs: number): void {
    entry.firstSentMs ??= nowMs;
    entry.lastSentMs = nowMs;
    entry.attempts += 1;
  }

  /** Handles an acknowledgement; returns the entry removed, or undefined for an unknown sequence. */
  acknowledge(sequenceNumber: number, nowMs: number): OutgoingEntry<T> | undefined {
    const entry = this.entries.get(sequenceNumber);
    if (!entry) return undefined;
    this.entries.delete(sequenceNumber);
    if (entry.lastSentMs !== undefined) this.rtt.sample(Math.max(0, nowMs - entry.lastSentMs));
    return entry;
  }

  head(): OutgoingEntry<T> | undefined {
    const first = this.entries.values().next();
    return first.done ? undefined : first.value;
  }

  /** The head, if it has been on the wire longer than the RTO and should be sent again. */
  dueForResend(nowMs: number): OutgoingEntry<T> | undefined {
    const head = this.head();
    if (!head || head.lastSentMs === undefined) return undefined;
    return nowMs - head.lastSentMs > this.rtt.rto ? head : undefined;
  }

  /** Every entry in send order (e.g. to replay all of them on a fresh connection). */
  all(): IterableIterator<OutgoingEntry<T>> {
    return this.entries.values();
  }

  clear(): void {
    this.entries.clear();
  }
}

export type ReceiveOutcome<T> =
  | { kind: 'deliver'; items: T[] }
  | { kind: 'buffered' }
  | { kind: 'duplicate' }
  | { kind: 'overflow' };

/**
 * Incoming side: `expected` starts at 0. In-order items are delivered together with any buffered
 * successors; early items are held (up to `capacity`); older ones are duplicates.
 * Callers ack 'deliver' and 'buffered'; duplicates should be re-acked (the agent does, and it
 * stops endless retransmission when an ack was lost); 'overflow' is dropped without an ack.
 */
export class ReceiveWindow<T> {
  private readonly early = new Map<number, T>();
  expected = 0;

  constructor(readonly capacity: number) {}

  get buffered(): number {
    return this.early.size;
  }

  offer(sequenceNumber: number, item: T): ReceiveOutcome<T> {
    if (sequenceNumber < this.expected) return { kind: 'duplicate' };
    if (sequenceNumber > this.expected) {
      if (this.early.has(sequenceNumber)) return { kind: 'buffered' };
      if (this.early.size >= this.capacity) return { kind: 'overflow' };
      this.early.set(sequenceNumber, item);
      return { kind: 'buffered' };
    }
    const items = [item];
    this.expected += 1;
    for (let next = this.early.get(this.expected); next !== undefined; next = this.early.get(this.expected)) {
      this.early.delete(this.expected);
      items.push(next);
      this.expected += 1;
    }
    return { kind: 'deliver', items };
  }
}
