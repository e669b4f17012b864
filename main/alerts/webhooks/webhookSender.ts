// Posts team notifications without ever holding up a session: `send` returns at once, the post
// runs in the background with a timeout per attempt and exponential backoff between attempts, and
// a final failure becomes a notification for the user (the URL never appears in it or the log).

export interface SenderOptions {
  /** Attempts in all (default 4). */
  attempts?: number;
  /** Delay before the 2nd attempt; doubled for each further one (default 1 s). */
  baseDelayMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  onFailure?: (message: string, label: string) => void;
  log?: (message: string) => void;
}

export class WebhookSender {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: SenderOptions = {}) {}

  /** Queues one post; never throws, never waits. */
  send(url: string, body: unknown, label: string): void {
    const p = this.deliver(url, JSON.stringify(body), label).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Resolves when every queued post has succeeded or given up (tests, quitting). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliver(url: string, body: string, label: string): Promise<void> {
    const attempts = this.options.attempts ?? 4;
    const base = this.options.baseDelayMs ?? 1000;
    const doFetch = this.options.fetch ?? fetch;
    let problem = '';
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, base * 2 ** (i - 1)));
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
          redirect: 'error',
        });
        if (res.ok) return;
        problem = `the receiver answered HTTP ${res.status}`;
        // 4xx other than 408/429 will not get better by retrying (a revoked hook, a bad channel).
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) break;
      } catch (e) {
        problem = (e as Error).name === 'TimeoutError' ? 'the receiver did not answer in time' : `the receiver could not be reached (${(e as Error).message})`;
      }
    }
    const message = `Team notification for ${label} not delivered: ${problem}. Check the webhook in Settings.`;
    this.options.log?.(message);
    this.options.onFailure?.(message, label);
  }
}
