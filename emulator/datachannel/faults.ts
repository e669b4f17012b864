// Fault injection between the client's WebSocket and the agent: drop, duplicate, reorder and delay
// frames per direction, kill the socket after N bytes or after a time, pause publication. Every
// decision comes from a seeded PRNG per (connection, direction), so a failing run can be replayed
// by passing the seed it logged.

export interface DirectionFaults {
  /** Probability that a binary frame is silently lost. */
  dropRate?: number;
  /** Probability that a frame is delivered twice. */
  duplicateRate?: number;
  /** Probability that a frame is held back and delivered after the next one. */
  reorderRate?: number;
  /** Probability that a frame is delayed by `delayMs` (later frames overtake it). */
  delayRate?: number;
  delayMs?: number;
  /** Probability that a frame arrives with one bit flipped (a digest mismatch: the receiver drops it). */
  corruptRate?: number;
}

export interface SocketKill {
  /** Abruptly terminate the connection (close code 1006 at the client) once this many bytes passed. */
  afterBytes?: number;
  /** ...or this long after the connection was accepted. */
  afterMs?: number;
}

export interface DataChannelFaults {
  /** PRNG seed; logged with every connection so a run can be replayed. Default 1. */
  seed?: number;
  /** Frames the agent/MGS sends to the client. */
  toClient?: DirectionFaults;
  /** Frames the client sends to the agent. */
  toAgent?: DirectionFaults;
  /** Entry i applies to the i-th connection of each session (0 = first, then each resume). */
  killSockets?: SocketKill[];
  /** MGS pauses the agent's publication (pause_publication) at `afterMs` for `durationMs`. */
  pausePublication?: { afterMs: number; durationMs: number };
  /** Send start_publication right after the open frame (as the real service sometimes does). Default true. */
  sendStartPublication?: boolean;
  /** Validate client digests and lengths strictly (default true). */
  strictValidation?: boolean;
}

/** mulberry32: tiny, fast, good enough for fault decisions, and reproducible everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function deriveSeed(seed: number, connectionIndex: number, direction: 'toClient' | 'toAgent'): number {
  return (Math.imul(seed ^ 0x9e3779b9, 2654435761) + connectionIndex * 7919 + (direction === 'toClient' ? 1 : 2)) >>> 0;
}

const REORDER_HOLD_MAX_MS = 20;

/**
 * One direction of one connection. `push` decides what happens to each frame; `deliver` is the
 * real write. Frames marked `reliable` (the open frame, channel_closed) bypass faults: losing them
 * would only model a broken service, not a lossy path.
 */
export class FaultyPipe {
  private held: { frame: Buffer; timer: NodeJS.Timeout } | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly random: () => number;
  private closed = false;
  /** What the pipe did so far, for logs and for tests that must prove faults really happened. */
  readonly stats = { frames: 0, dropped: 0, duplicated: 0, reordered: 0, delayed: 0, corrupted: 0 };

  constructor(
    private readonly faults: DirectionFaults | undefined,
    seed: number,
    private readonly deliver: (frame: Buffer) => void,
  ) {
    this.random = seededRandom(seed);
  }

  push(frame: Buffer, reliable = false): void {
    if (this.closed) return;
    const f = this.faults;
    if (reliable || !f) {
      this.deliver(frame);
      return;
    }
    // Draw every decision for every frame so the sequence of choices depends only on the seed
    // and the frame's index, not on earlier outcomes.
    const drop = this.random() < (f.dropRate ?? 0);
    const duplicate = this.random() < (f.duplicateRate ?? 0);
    const reorder = this.random() < (f.reorderRate ?? 0);
    const delay = this.random() < (f.delayRate ?? 0);
    const corrupt = this.random() < (f.corruptRate ?? 0);
    const corruptAt = this.random();
    this.stats.frames += 1;
    if (drop) {
      this.stats.dropped += 1;
      return;
    }
    if (corrupt) {
      // Flip one bit of the payload (or of the digest when there is none), never of the header
      // fields that would make the frame unparseable in a less interesting way.
      this.stats.corrupted += 1;
      const copy = Buffer.from(frame);
      const from = copy.length > 120 ? 120 : 80;
      const at = from + Math.floor(corruptAt * (copy.length > 120 ? copy.length - 120 : 32));
      copy.writeUInt8(copy.readUInt8(at) ^ 0x01, at);
      frame = copy;
    }
    const copies = duplicate ? 2 : 1;
    if (duplicate) this.stats.duplicated += 1;
    if (delay && (f.delayMs ?? 0) > 0) {
      this.stats.delayed += 1;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.closed) for (let i = 0; i < copies; i++) this.deliver(frame);
      }, f.delayMs);
      this.timers.add(timer);
      return;
    }
    if (reorder && !this.held) {
      this.stats.reordered += 1;
      const timer = setTimeout(() => this.releaseHeld(), REORDER_HOLD_MAX_MS);
      this.held = { frame, timer };
      if (copies === 2) this.deliver(frame);
      return;
    }
    for (let i = 0; i < copies; i++) this.deliver(frame);
    this.releaseHeld();
  }

  private releaseHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    clearTimeout(held.timer);
    if (!this.closed) this.deliver(held.frame);
  }

  close(): void {
    this.closed = true;
    if (this.held) clearTimeout(this.held.timer);
    this.held = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
