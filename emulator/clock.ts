// The emulator's clock. Real time by default; tests move it to expire tokens and credentials
// instantly without waiting.
import type { Clock } from './contracts';

export class ControllableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  set(epochMs: number): void {
    if (this.frozenAt !== undefined) this.frozenAt = epochMs;
    else this.offsetMs = epochMs - Date.now();
  }

  /** Stops time (until `set`/`advance` move it), for exact expiry tests. */
  freeze(): void {
    this.frozenAt = this.now();
  }
}
