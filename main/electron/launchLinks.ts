// fumidai:// links reach the app three ways: in process.argv on a cold start (Windows, Linux), in
// the argv a second instance forwards (Windows, Linux), and through macOS's `open-url`. This module
// finds them and holds them until something consumes them, so a link that arrives before the UI
// is ready is not lost. What a link means is decided by its consumer, not here.
export const LINK_SCHEME = 'fumidai';

/**
 * The fumidai:// URLs in a command line. Searched, not taken from a fixed index: Chromium adds
 * its own switches, and on Windows the link comes after `--` or the app path.
 */
export function findAppLinks(argv: readonly string[], scheme = LINK_SCHEME): string[] {
  const prefix = `${scheme}:`;
  return argv.filter((a) => a.length <= 8192 && a.toLowerCase().startsWith(prefix) && isParsable(a));
}

function isParsable(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

export type LinkConsumer = (url: string) => void;

/** Links waiting for a consumer; at most `limit` are kept (a flood of launches cannot grow it). */
export class LaunchLinkQueue {
  private readonly pending: string[] = [];
  private consumer: LinkConsumer | undefined;

  constructor(private readonly limit = 16) {}

  push(url: string): void {
    if (this.consumer) return this.consumer(url);
    if (this.pending.length >= this.limit) this.pending.shift();
    this.pending.push(url);
  }

  /** Delivers the held links in arrival order, then every later one as it comes. */
  consume(consumer: LinkConsumer): () => void {
    this.consumer = consumer;
    for (const url of this.pending.splice(0)) consumer(url);
    return () => {
      if (this.consumer === consumer) this.consumer = undefined;
    };
  }

  get size(): number {
    return this.pending.length;
  }
}
