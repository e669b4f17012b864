// A real shell behind a Standard_Stream or InteractiveCommands session: bash in a PTY, started in
// the session user's home directory under the instance's root, with the user and host the prompt
// and environment show. Output is chunked like the agent's (≤1024 bytes on UTF-8 boundaries).
// The exit status is the shell's own (read from the exit marker).
import { randomBytes } from 'node:crypto';
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type IPty } from '@lydell/node-pty';
import { PayloadType, STREAM_DATA_PAYLOAD_SIZE, Utf8Chunker, parseSize } from '../../main/ssm/protocol';
import { ExitMarkerScanner } from './exitMarker';
import type { SessionHandler, StreamSink } from './sessionHandler';

export interface ShellIdentity {
  osUser: string;
  hostname: string;
  /** The instance's disk; the home directory is `<rootDir>/home/<osUser>`. */
  rootDir: string;
  instanceId: string;
}

export function prepareHome(identity: ShellIdentity): string {
  if (!/^[a-z_][a-z0-9_.-]{0,31}$/i.test(identity.osUser)) throw new Error(`invalid OS user name ${JSON.stringify(identity.osUser)}`);
  const home = join(identity.rootDir, 'home', identity.osUser);
  mkdirSync(home, { recursive: true });
  const rc = join(home, '.bashrc');
  if (!existsSync(rc)) {
    // The emulator runs as one OS user, so the prompt names the session's user and host literally.
    writeFileSync(
      rc,
      [
        `# ~/.bashrc of ${identity.osUser} on ${identity.instanceId} (emulated instance)`,
        `PS1='${identity.osUser}@${identity.hostname}:\\w$ '`,
        `alias ll='ls -l'`,
        '',
      ].join('\n'),
    );
  }
  return home;
}

export function shellEnvironment(identity: ShellIdentity, home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    USER: identity.osUser,
    LOGNAME: identity.osUser,
    SHELL: '/bin/bash',
    HOSTNAME: identity.hostname,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    PS1: `${identity.osUser}@${identity.hostname}:\\w$ `,
  };
}

/** How long the wrapper waits for us after the shell exited, should we never read its marker. */
const WRAPPER_GRACE_SECONDS = 60;

export class ShellHandler implements SessionHandler {
  private pty: IPty | undefined;
  private readonly chunker = new Utf8Chunker(STREAM_DATA_PAYLOAD_SIZE);
  private readonly marker = new ExitMarkerScanner(randomBytes(8).toString('hex'));
  private paused = false;
  private disposed = false;
  private ended = false;
  private size = { cols: 80, rows: 24 };
  private exited = Promise.resolve();

  constructor(
    private readonly sink: StreamSink,
    private readonly identity: ShellIdentity,
    /** For InteractiveCommands: the command line; otherwise an interactive shell. */
    private readonly command?: string,
  ) {}

  start(): void {
    const home = prepareHome(this.identity);
    // A wrapper is the session leader: bash runs as its child, and once bash has exited the wrapper
    // prints the exit marker and waits (see exitMarker.ts for why).
    const shell = this.command === undefined ? '/bin/bash --noprofile --rcfile "$HOME/.bashrc" -i' : '/bin/bash --noprofile --norc -c "$1"';
    const script = `${shell}; s=$?; printf '${this.marker.printfFormat()}' "$s"; exec sleep ${WRAPPER_GRACE_SECONDS}`;
    const args = ['-c', script, 'bash', ...(this.command === undefined ? [] : [this.command])];
    const pty = spawn('/bin/sh', args, {
      name: 'xterm-256color',
      cols: this.size.cols,
      rows: this.size.rows,
      cwd: home,
      env: shellEnvironment(this.identity, home),
      encoding: null,
    });
    this.pty = pty;
    let markExited!: () => void;
    this.exited = new Promise((resolve) => (markExited = resolve));
    pty.onData((data) => this.onOutput(data as unknown as Buffer));
    pty.onExit(({ exitCode, signal }) => {
      markExited();
      this.pty = undefined;
      // Without the marker (the wrapper was killed): report what the wrapper died of.
      this.finish(signal ? 128 + signal : exitCode, this.marker.flush());
    });
    this.sink.onDrain(() => {
      if (this.paused && this.pty) {
        this.paused = false;
        this.pty.resume();
      }
    });
  }

  private onOutput(data: Buffer): void {
    const { output, exitStatus } = this.marker.push(data);
    for (const chunk of this.chunker.push(output)) this.sink.send(PayloadType.Output, chunk);
    if (exitStatus !== undefined) {
      this.finish(exitStatus, Buffer.alloc(0));
      // Everything the shell wrote has been read: the wrapper may go now.
      this.pty?.kill('SIGTERM');
      return;
    }
    if (!this.paused && this.sink.isCongested() && this.pty) {
      this.paused = true;
      this.pty.pause();
    }
  }

  private finish(exitCode: number, rest: Buffer): void {
    if (this.ended) return;
    this.ended = true;
    for (const chunk of [...this.chunker.push(rest), ...this.chunker.flush()]) this.sink.send(PayloadType.Output, chunk);
    if (!this.disposed) this.sink.end({ exitCode });
  }

  canAccept(): boolean {
    return this.pty !== undefined;
  }

  handle(payloadType: number, payload: Buffer): void {
    const pty = this.pty;
    if (!pty || this.ended) return;
    if (payloadType === PayloadType.Output) {
      pty.write(payload as unknown as string);
    } else if (payloadType === PayloadType.Size) {
      const size = parseSize(payload);
      if (!size.ok) return this.sink.log(size.error);
      if (size.value.cols > 0 && size.value.rows > 0) {
        this.size = size.value;
        pty.resize(size.value.cols, size.value.rows);
      }
    }
  }

  stopped(): Promise<void> {
    return this.exited;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      this.pty?.kill('SIGHUP');
    } catch {
      // already gone
    }
  }
}
