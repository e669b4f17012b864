// NonInteractiveCommands (AWS-StartNonInteractiveCommand): the command runs without a PTY; stdout
// goes out as Output, stderr as StdErr, and the exit status as an ExitCode payload `EXIT_CODE: n`
// before the channel closes. Input is only scanned for the three signal bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import { PayloadType, STREAM_DATA_PAYLOAD_SIZE, Utf8Chunker, encodeExitCode } from '../../main/ssm/protocol';
import type { SessionHandler, StreamSink } from './sessionHandler';
import { prepareHome, shellEnvironment, type ShellIdentity } from './shellHandler';

const SIGNAL_BYTES: Record<number, NodeJS.Signals> = { 0x03: 'SIGINT', 0x1c: 'SIGQUIT', 0x1a: 'SIGTSTP' };

export class CommandHandler implements SessionHandler {
  private child: ChildProcess | undefined;
  private disposed = false;
  private paused = false;
  private exited = Promise.resolve();

  constructor(
    private readonly sink: StreamSink,
    private readonly identity: ShellIdentity,
    private readonly command: string,
  ) {}

  start(): void {
    const home = prepareHome(this.identity);
    const child = spawn('/bin/bash', ['--noprofile', '--norc', '-c', this.command], { cwd: home, env: shellEnvironment(this.identity, home), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    const pipe = (stream: NodeJS.ReadableStream, payloadType: number) => {
      const chunker = new Utf8Chunker(STREAM_DATA_PAYLOAD_SIZE);
      stream.on('data', (data: Buffer) => {
        for (const chunk of chunker.push(data)) this.sink.send(payloadType, chunk);
        if (!this.paused && this.sink.isCongested()) {
          this.paused = true;
          child.stdout?.pause();
          child.stderr?.pause();
        }
      });
      stream.on('end', () => {
        for (const chunk of chunker.flush()) this.sink.send(payloadType, chunk);
      });
    };
    pipe(child.stdout!, PayloadType.Output);
    pipe(child.stderr!, PayloadType.StdErr);
    this.sink.onDrain(() => {
      if (!this.paused) return;
      this.paused = false;
      child.stdout?.resume();
      child.stderr?.resume();
    });
    child.on('error', (error) => {
      this.sink.send(PayloadType.StdErr, Buffer.from(`failed to run command: ${error.message}\n`));
      this.sink.end({ exitCode: 127 });
    });
    child.on('close', (code, signal) => {
      if (this.disposed) return;
      const exitCode = code ?? (signal ? 128 + (signalNumber(signal) ?? 0) : 1);
      this.sink.send(PayloadType.ExitCode, encodeExitCode(exitCode));
      this.sink.end({ exitCode });
    });
  }

  canAccept(): boolean {
    return this.child !== undefined;
  }

  handle(payloadType: number, payload: Buffer): void {
    if (payloadType !== PayloadType.Output || !this.child) return;
    for (const byte of payload) {
      const signal = SIGNAL_BYTES[byte];
      if (signal) this.child.kill(signal);
    }
  }

  stopped(): Promise<void> {
    return this.exited;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.child?.kill('SIGKILL');
  }
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  const table: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGTSTP: 20 };
  return table[signal];
}
