// One SSH "session" channel on an embedded host: a real shell or command, in a PTY when the client
// asked for one (bash reading the user's ~/.bashrc, prompt naming the user and host, resized on
// window-change) or over plain pipes otherwise, ending with the command's exit status.
import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { spawn as spawnPty, type IPty } from '@lydell/node-pty';
import type { ServerChannel, Session } from 'ssh2';
import { ExitMarkerScanner } from '../../datachannel/exitMarker';
import { prepareHome, shellEnvironment, type ShellIdentity } from '../../datachannel/shellHandler';

/** After the shell exits the PTY wrapper waits this long for us to read its exit marker. */
const WRAPPER_GRACE_SECONDS = 60;
/** Client environment variables a session accepts (sshd's usual AcceptEnv LANG LC_*). */
const ACCEPTED_ENV = /^(LANG|LC_[A-Z_]+|TZ)$/;

interface PtyRequest {
  term: string;
  cols: number;
  rows: number;
}

export function serveSession(session: Session, identity: ShellIdentity, log: (m: string) => void): void {
  let pty: PtyRequest | undefined;
  let running: IPty | ChildProcess | undefined;
  const extraEnv: Record<string, string> = {};

  session.on('pty', (accept, _reject, info) => {
    pty = { term: info.term || 'xterm-256color', cols: info.cols || 80, rows: info.rows || 24 };
    accept?.();
  });
  session.on('window-change', (accept, _reject, info) => {
    if (pty && info.cols > 0 && info.rows > 0) {
      pty.cols = info.cols;
      pty.rows = info.rows;
      if (running && 'resize' in running) running.resize(info.cols, info.rows);
    }
    accept?.();
  });
  session.on('env', (accept, reject, info) => {
    if (ACCEPTED_ENV.test(info.key)) {
      extraEnv[info.key] = info.val;
      accept?.();
    } else reject?.();
  });
  const start = (channel: ServerChannel, command: string | undefined): void => {
    try {
      const home = prepareHome(identity);
      const env = { ...shellEnvironment(identity, home), ...extraEnv, ...(pty ? { TERM: pty.term } : {}), ...(command !== undefined ? { SSH_ORIGINAL_COMMAND: command } : {}) };
      running = pty ? runInPty(channel, pty, home, env, command) : runWithPipes(channel, home, env, command);
    } catch (err) {
      log(`ssh session on ${identity.instanceId} could not start: ${(err as Error).message}`);
      channel.stderr.write(`cannot start shell: ${(err as Error).message}\r\n`);
      channel.exit(127);
      channel.end();
    }
  };
  session.on('shell', (accept) => start(accept(), undefined));
  session.on('exec', (accept, _reject, info) => start(accept(), info.command));
  session.on('subsystem', (_accept, reject) => reject?.());
  session.on('signal', (accept, _reject, info) => {
    try {
      if (running && 'kill' in running) running.kill(`SIG${info.name}` as NodeJS.Signals);
    } catch {
      // already gone
    }
    accept?.();
  });
  session.on('close', () => {
    try {
      if (running && 'kill' in running) running.kill('SIGHUP');
    } catch {
      // already gone
    }
  });
}

function runInPty(channel: ServerChannel, size: PtyRequest, home: string, env: Record<string, string>, command: string | undefined): IPty {
  // The wrapper is the session leader; bash is its child. Once bash exits the wrapper prints a
  // marker behind every byte bash wrote, so nothing is lost when the PTY is torn down.
  const marker = new ExitMarkerScanner(randomBytes(8).toString('hex'));
  const shell = command === undefined ? '/bin/bash --noprofile --rcfile "$HOME/.bashrc" -i' : '/bin/bash --noprofile --norc -c "$1"';
  const script = `${shell}; s=$?; printf '${marker.printfFormat()}' "$s"; exec sleep ${WRAPPER_GRACE_SECONDS}`;
  const pty = spawnPty('/bin/sh', ['-c', script, 'bash', ...(command === undefined ? [] : [command])], {
    name: size.term,
    cols: size.cols,
    rows: size.rows,
    cwd: home,
    env,
    encoding: null,
  });
  let finished = false;
  const finish = (status: number, rest: Buffer): void => {
    if (finished) return;
    finished = true;
    if (rest.length) channel.write(rest);
    channel.exit(status);
    channel.end();
  };
  pty.onData((data) => {
    const { output, exitStatus } = marker.push(data as unknown as Buffer);
    if (output.length && !channel.write(output)) {
      pty.pause();
      channel.once('drain', () => pty.resume());
    }
    if (exitStatus !== undefined) {
      finish(exitStatus, Buffer.alloc(0));
      pty.kill('SIGTERM');
    }
  });
  pty.onExit(({ exitCode, signal }) => finish(signal ? 128 + signal : exitCode, marker.flush()));
  channel.on('data', (data: Buffer) => pty.write(data as unknown as string));
  return pty;
}

function runWithPipes(channel: ServerChannel, home: string, env: Record<string, string>, command: string | undefined): ChildProcess {
  const args = command === undefined ? ['--noprofile', '--norc', '-s'] : ['--noprofile', '--norc', '-c', command];
  const child = spawnProcess('/bin/bash', args, { cwd: home, env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout?.pipe(channel, { end: false });
  child.stderr?.pipe(channel.stderr, { end: false });
  channel.pipe(child.stdin!);
  child.stdin?.on('error', () => {});
  child.on('error', (err) => {
    channel.stderr.write(`${err.message}\n`);
    channel.exit(127);
    channel.end();
  });
  child.on('close', (code, signal) => {
    if (signal) channel.exit(signal.replace(/^SIG/, ''), false, '');
    else channel.exit(code ?? 0);
    channel.end();
  });
  return child;
}
