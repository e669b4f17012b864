// Bounded concurrency and polite retries for fan-out calls across many accounts and regions.
import { FumidaiError } from '../../common/api/errors';

/** Runs `worker` over `items` with at most `limit` in flight, in order of start. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, worker: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await worker(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
  return results;
}

export interface BackoffOptions {
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Which errors are worth another try (default: throttling and network failures). */
  retryable?: (e: unknown) => boolean;
}

const defaultRetryable = (e: unknown) => e instanceof FumidaiError && (e.code === 'Throttled' || e.code === 'Network');

/** Retries with "full jitter" exponential backoff (AWS Architecture Blog), so many parallel callers spread out. */
export async function withBackoff<T>(fn: () => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseMs ?? 200;
  const max = options.maxMs ?? 5_000;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const retryable = options.retryable ?? defaultRetryable;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !retryable(e)) throw e;
      await sleep(Math.floor(random() * Math.min(max, base * 2 ** (attempt - 1))));
    }
  }
}
