// Finds the end-of-shell marker in a PTY byte stream. The shell runs under a small wrapper that,
// once the shell has exited, prints `ESC ] 777 ; fumidai-exit ; <nonce> ; <status> BEL` and then
// waits to be stopped. Because the marker travels behind every byte the shell wrote, seeing it
// proves all output has been read; only then is the wrapper (the session leader) stopped. Letting
// the session leader exit earlier would make the kernel hang up the PTY and discard unread output.

export interface ScanResult {
  /** Bytes to pass on (everything except a marker or a possible marker start held back). */
  output: Buffer;
  /** The shell's exit status once the marker has been seen. */
  exitStatus?: number;
}

export class ExitMarkerScanner {
  private readonly prefix: Buffer;
  private held: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(readonly nonce: string) {
    this.prefix = Buffer.from(`\x1b]777;fumidai-exit;${nonce};`);
  }

  /** The printf format the wrapper uses (status as %d). */
  printfFormat(): string {
    return `\\033]777;fumidai-exit;${this.nonce};%d\\007`;
  }

  push(chunk: Buffer): ScanResult {
    if (this.done) return { output: Buffer.alloc(0) };
    const data = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    const at = data.indexOf(this.prefix);
    if (at >= 0) {
      const end = data.indexOf(0x07, at + this.prefix.length);
      if (end < 0) {
        this.held = Buffer.from(data.subarray(at));
        return { output: data.subarray(0, at) };
      }
      const status = Number(data.toString('latin1', at + this.prefix.length, end));
      this.done = true;
      return { output: data.subarray(0, at), exitStatus: Number.isInteger(status) ? status : 1 };
    }
    // Hold back a tail that could be the start of the marker (rare: it must begin with ESC).
    const from = Math.max(0, data.length - this.prefix.length + 1);
    const esc = data.indexOf(0x1b, from);
    for (let i = esc; i >= 0 && i < data.length; i = data.indexOf(0x1b, i + 1)) {
      if (this.prefix.subarray(0, data.length - i).equals(data.subarray(i))) {
        this.held = Buffer.from(data.subarray(i));
        return { output: data.subarray(0, i) };
      }
    }
    return { output: data };
  }

  /** Whatever is held back when the stream ends without a complete marker. */
  flush(): Buffer {
    const rest = this.held;
    this.held = Buffer.alloc(0);
    return rest;
  }
}
