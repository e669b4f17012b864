// The user's own terminal as the CLI sees it: stdin/stdout (a TTY or pipes), a channel for our
// own messages (stderr, so a script reading stdout sees only the remote side), and the local
// interrupt. Commands take it injected so tests can drive them with plain streams.

export interface TerminalIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number; on(event: 'resize' | 'drain', listener: () => void): unknown };
  /** Messages from us (not the remote shell). */
  notice(text: string): void;
  /** Subscribes to the local interrupt signal (SIGINT while not in raw mode); returns an unsubscriber. */
  onInterrupt?(listener: () => void): () => void;
}

export function processTerminal(): TerminalIo {
  return {
    input: process.stdin,
    output: process.stdout,
    notice: (t) => process.stderr.write(t),
    onInterrupt(listener) {
      process.on('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
  };
}

/** The window size when the output is a terminal that knows it; undefined for pipes and files. */
export function terminalSize(term: TerminalIo): { cols: number; rows: number } | undefined {
  const { output } = term;
  return output.isTTY && output.columns && output.rows ? { cols: output.columns, rows: output.rows } : undefined;
}
