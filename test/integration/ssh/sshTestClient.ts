// A small ssh2 client for the SSH host tests: public key, then a TOTP code when the server asks
// for keyboard-interactive; host key pinned by fingerprint; helpers to run commands and shells.
import ssh2, { type AnyAuthMethod, type Client, type ClientChannel } from 'ssh2';
import type { Duplex } from 'node:stream';
import { fingerprintOfBlob } from '../../../emulator/ssh/hostAuth';

export interface LoginOptions {
  username: string;
  privateKey: string;
  /** Answers every keyboard-interactive prompt with this (the TOTP code). */
  verificationCode?: string;
  /** SHA256:... the server's host key must have. */
  expectedHostKey: string;
  host?: string;
  port?: number;
  sock?: Duplex;
}

export interface Login {
  client: Client;
  /** Host-key fingerprints the server presented. */
  seenHostKeys: string[];
  /** Instructions and prompts of the keyboard-interactive step, if there was one. */
  prompts: string[];
}

export function login(options: LoginOptions): Promise<Login> {
  const client = new ssh2.Client();
  const seenHostKeys: string[] = [];
  const prompts: string[] = [];
  const steps: AnyAuthMethod[] = [
    { type: 'publickey', username: options.username, key: options.privateKey },
  ];
  if (options.verificationCode !== undefined) {
    const code = options.verificationCode;
    steps.push({
      type: 'keyboard-interactive',
      username: options.username,
      prompt: (name, instructions, _lang, asked, finish) => {
        prompts.push(...[name, instructions].filter(Boolean), ...asked.map((p) => p.prompt));
        finish(asked.map(() => code));
      },
    });
  }
  return new Promise((resolve, reject) => {
    client.once('ready', () => resolve({ client, seenHostKeys, prompts }));
    client.once('error', (err) => {
      client.end();
      reject(err);
    });
    client.connect({
      host: options.host,
      port: options.port,
      sock: options.sock,
      username: options.username,
      readyTimeout: 10_000,
      hostVerifier: (key: Buffer) => {
        const fingerprint = fingerprintOfBlob(key);
        seenHostKeys.push(fingerprint);
        return fingerprint === options.expectedHostKey;
      },
      authHandler: (methodsLeft, _partial, next) => {
        const step = steps.find((s) => methodsLeft === null || methodsLeft.includes(s.type));
        if (!step) return next(false as never);
        steps.splice(steps.indexOf(step), 1);
        next(step);
      },
    });
  });
}

export function exec(client: Client, command: string): Promise<{ stdout: string; stderr: string; code: number | undefined }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | undefined;
      channel.on('data', (d: Buffer) => (stdout += d.toString()));
      channel.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      channel.on('exit', (c: number | null) => (code = c ?? undefined));
      channel.on('close', () => resolve({ stdout, stderr, code }));
    });
  });
}

export function forwardOut(client: Client, host: string, port: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => client.forwardOut('127.0.0.1', 0, host, port, (err, ch) => (err ? reject(err) : resolve(ch))));
}

/** An interactive shell in a PTY whose output is collected so tests can wait for text. */
export class ShellSession {
  output = '';
  exitCode: number | undefined;
  private readonly closed: Promise<void>;

  private constructor(readonly channel: ClientChannel) {
    channel.on('data', (d: Buffer) => (this.output += d.toString()));
    channel.on('exit', (code: number | null) => (this.exitCode = code ?? undefined));
    this.closed = new Promise((resolve) => channel.on('close', () => resolve()));
  }

  static open(client: Client, window = { rows: 24, cols: 80 }): Promise<ShellSession> {
    return new Promise((resolve, reject) =>
      client.shell({ term: 'xterm-256color', rows: window.rows, cols: window.cols }, (err, ch) => (err ? reject(err) : resolve(new ShellSession(ch)))),
    );
  }

  async waitFor(pattern: RegExp, timeoutMs = 5_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.text().match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; shell output so far:\n${this.text()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The output without terminal control sequences (bracketed paste mode and the like). */
  text(): string {
    // eslint-disable-next-line no-control-regex
    return this.output.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '');
  }

  type(text: string): void {
    this.channel.write(text);
  }

  async ended(): Promise<number | undefined> {
    await this.closed;
    return this.exitCode;
  }
}
