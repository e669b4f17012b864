// Control-plane fault knobs: latency per service, throttling and 5xx at configured rates. The
// random source is seeded so a failing run replays exactly.
import { seededRandom } from './datachannel/faults';

export interface ApiFaults {
  /** Added latency in ms, for every service or per service name (ssm, ec2, sso, oidc, ...). */
  latencyMs?: number | Record<string, number>;
  /** Fraction (0..1) of API calls answered with the protocol's throttling error. */
  throttleRate?: number;
  /** Fraction (0..1) of API calls answered with a 5xx. */
  errorRate?: number;
  /** Only these services get throttled / 5xx (default: all). */
  services?: string[];
  seed?: number;
}

export class FaultPlan {
  private random: () => number;
  constructor(private faults: ApiFaults = {}) {
    this.random = seededRandom(faults.seed ?? 1);
  }

  set(faults: ApiFaults): void {
    this.faults = faults;
    this.random = seededRandom(faults.seed ?? 1);
  }

  latency(service: string): number {
    const l = this.faults.latencyMs;
    if (typeof l === 'number') return l;
    return l?.[service] ?? 0;
  }

  decide(service: string): 'ok' | 'throttle' | 'error' {
    if (this.faults.services && !this.faults.services.includes(service)) return 'ok';
    const r = this.random();
    if (r < (this.faults.throttleRate ?? 0)) return 'throttle';
    if (r < (this.faults.throttleRate ?? 0) + (this.faults.errorRate ?? 0)) return 'error';
    return 'ok';
  }
}
