// One sshd in the foreground (-D) logging to stderr (-e), so its log is read line by line as it is
// written and its lifetime is ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface SshdStartOptions {
  sshd: string;
  configFile: string;
  env: Record<string, string>;
  /** Every log line, as sshd wrote it. */
  onLine: (line: string) => void;
  startTimeoutMs?: number;
}

export class SshdProcess {
  private exited: Promise<void>;
  private stderrTail: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(options: SshdStartOptions): Promise<SshdProcess> {
    // sshd must be started by absolute path: it re-executes itself for each connection.
    const child = spawn(options.sshd, ['-D', '-e', '-f', options.configFile], { env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
    const proc = new SshdProcess(child);
    const lines = createInterface({ input: child.stderr! });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`sshd did not start listening within ${options.startTimeoutMs ?? 5_000} ms`)), options.startTimeoutMs ?? 5_000);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        reject(new Error(`${err.message}${proc.stderrTail.length ? `; sshd said: ${proc.stderrTail.join(' | ')}` : ''}`));
      };
      child.once('error', fail);
      child.once('exit', (code, signal) => fail(new Error(`sshd exited (${signal ?? `code ${code}`}) before listening`)));
      lines.on('line', (line) => {
        proc.stderrTail = [...proc.stderrTail.slice(-9), line];
        if (/^Server listening on /.test(line)) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          child.removeListener('error', fail);
          resolve();
        }
        options.onLine(line);
      });
    });
    return proc;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Stops the listener and the per-connection sshd processes it forked (they leave its process group). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const children = childPids(this.pid);
    this.child.kill('SIGTERM');
    for (const pid of children) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([this.exited, timeout]);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** Direct children of a process, from /proc (Linux: the only platform this back-end runs on). */
function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may itself contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
