// Joins a stream's small chunks into fewer, larger frames for the window. A shell flood arrives
// as one ~1 KiB chunk per Session Manager message; sending each as its own IPC / WebSocket frame
// made the per-frame cost (serialisation, a task in the page, an xterm write callback) the
// bottleneck, so a backlog drained at ~1 MB/s and Ctrl-C on `yes` took seconds to show. Chunks
// that arrive in the same turn of the event loop now travel together (up to maxBytes), and the
// first chunk after a quiet spell still goes out on the next tick, so typing stays immediate.

export class ChunkCoalescer {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly emit: (chunk: Uint8Array) => void,
    private readonly maxBytes = 64 * 1024,
  ) {}

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes >= this.maxBytes) return this.flush();
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Emits whatever is pending now (before an end, so data never arrives after it). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pendingBytes === 0) return;
    const parts = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.emit(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  }

  /** Drops what is pending (the stream was closed by the consumer). */
  discard(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
