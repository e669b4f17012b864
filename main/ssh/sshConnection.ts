// Logs in hop by hop: the first SSH server over a socket we are given (TCP or SSH over Session
// Manager), every later one over a direct-tcpip channel the previous hop opens, so keys never
// leave this process (no agent forwarding, nothing copied to a bastion). Each hop: its host key is
// verified, then its key from the key provider, then keyboard-interactive prompts (a TOTP code)
// are put to the person. Every failure says which hop and what to do.
import { randomUUID } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type AuthenticationType, type Client, type ClientChannel } from 'ssh2';
import { FumidaiError } from '../../common/api/errors';
import type { HostKeyVerifier } from './hostKeyVerifier';
import type { SshAccess, SshHop, SshKeyProvider, SshPrompter } from './types';

export interface SshChainOptions {
  hops: SshHop[];
  access: SshAccess;
  keys: SshKeyProvider;
  prompter: SshPrompter;
  hostKeys: HostKeyVerifier;
  /** The first hop's transport (SSH over Session Manager); TCP to hops[0].host:port otherwise. */
  firstSocket?: () => Promise<Duplex>;
  /** How long a hop may take without waiting on the person (default 20 s). */
  handshakeTimeoutMs?: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

/** A chain of logged-in SSH clients; `client` is the target's. */
export interface SshChain {
  readonly client: Client;
  readonly hops: readonly SshHop[];
  /** Fires once when any link of the chain closes (the whole chain is then closed). */
  onDidClose(listener: (error?: Error) => void): void;
  close(): void;
}

export async function openSshChain(options: SshChainOptions): Promise<SshChain> {
  if (options.hops.length === 0) throw new FumidaiError('InvalidRequest', 'No SSH host to connect to.');
  const clients: Client[] = [];
  const connectionId = randomUUID();
  const closeAll = () => {
    for (const c of [...clients].reverse()) c.end();
  };
  const onAbort = () => closeAll();
  options.signal?.addEventListener('abort', onAbort);
  try {
    let sock: Duplex | undefined = options.firstSocket ? await options.firstSocket() : undefined;
    for (const [index, hop] of options.hops.entries()) {
      if (options.signal?.aborted) throw cancelled();
      if (index > 0) sock = await forwardThrough(clients[index - 1]!, options.hops[index - 1]!, hop);
      const key = await options.keys.keyFor(hop, options.access, { connectionId, prompter: options.prompter, ...(options.signal ? { signal: options.signal } : {}) });
      if (options.signal?.aborted) throw cancelled();
      clients.push(await loginHop(hop, sock, key, options));
      options.log?.(`ssh: logged in to ${hop.label} as ${key?.username ?? hop.username}${key ? ` with the ${key.source} key` : ''}`);
    }
  } catch (e) {
    closeAll();
    throw options.signal?.aborted ? cancelled() : e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const listeners: Array<(error?: Error) => void> = [];
  let closed = false;
  let lastError: Error | undefined;
  for (const c of clients) {
    c.on('error', (e: Error) => (lastError = e));
    c.on('close', () => {
      if (closed) return;
      closed = true;
      closeAll();
      for (const l of listeners) l(lastError);
    });
  }
  return {
    client: clients.at(-1)!,
    hops: options.hops,
    onDidClose: (l) => void listeners.push(l),
    close: closeAll,
  };
}

function cancelled(): FumidaiError {
  return new FumidaiError('Cancelled', 'The SSH connection was cancelled.');
}

function forwardThrough(via: Client, viaHop: SshHop, hop: SshHop): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    via.forwardOut('127.0.0.1', 0, hop.host, hop.port, (err, channel) => {
      if (!err) return resolve(channel);
      reject(new FumidaiError('Network', `${viaHop.label} could not open a connection to ${hop.label} at ${hop.host}:${hop.port} (${err.message}). Check that the host is running and that its SSH port is open to the bastion.`));
    }),
  );
}

type Failure = FumidaiError | undefined;

function loginHop(hop: SshHop, sock: Duplex | undefined, key: Awaited<ReturnType<SshKeyProvider['keyFor']>>, options: SshChainOptions): Promise<Client> {
  const client = new ssh2.Client();
  const username = key?.username ?? hop.username;
  const timeoutMs = options.handshakeTimeoutMs ?? 20_000;
  let failure: Failure;
  let timer: NodeJS.Timeout | undefined;
  const tried = new Set<AuthenticationType>();
  /** Whether the server put a question in a keyboard-interactive round (else it refused before asking). */
  let prompted = false;
  const keyRefused = () =>
    new FumidaiError('AccessDenied', `${hop.label} refused the ${key ? `${key.source} ` : ''}key for ${username}. The key may not be authorised for this user, or it has expired. No session was opened.`);

  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const onAbort = () => finish(cancelled());
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        client.end();
        reject(error);
      } else resolve(client);
    };
    // The clock runs only while we wait on the network, never while the person is answering.
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new FumidaiError('Timeout', `${hop.label} did not complete the SSH handshake within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      timer.unref?.();
    };
    const ask = async <T>(question: () => Promise<T>): Promise<T> => {
      clearTimeout(timer);
      try {
        return await question();
      } finally {
        if (!settled) arm();
      }
    };

    // A tab closed (or Ctrl-C) while this hop is still logging in stops it at once.
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('ready', () => finish());
    // `on`, not `once`: after an agent refuses, ssh2 goes on to the next method and may emit a
    // second error; only the first counts (finish is idempotent), but none may go unhandled.
    client.on('error', (err: Error & { level?: string }) => finish(failure ?? describeError(hop, err, key !== undefined)));
    client.once('close', () => finish(failure ?? new FumidaiError('Network', `${hop.label} closed the connection during login.`)));
    arm();
    const socket = sock ?? tcpSocket(hop);
    client.connect({
      sock: socket,
      username,
      // Our own timer (above) bounds the network part; this only stops a login left open for ever.
      readyTimeout: 30 * 60_000,
      keepaliveInterval: 30_000,
      hostVerifier: (presented: Buffer, verify: (ok: boolean) => void) => {
        ask(() => options.hostKeys.verify(hop, presented, options.prompter)).then(
          () => verify(true),
          (e: unknown) => {
            failure = e instanceof FumidaiError ? e : new FumidaiError('Internal', (e as Error).message);
            verify(false);
          },
        );
      },
      authHandler: (methodsLeft, partialSuccess, next) => {
        // After an agent key ssh2 does not pass on what the server said (its partial success and
        // the methods left are those of the round before), so the server is asked for
        // keyboard-interactive anyway: it prompts only if the key passed, and refuses otherwise.
        const afterAgent = Boolean(key?.agent) && tried.has('publickey') && !tried.has('keyboard-interactive');
        const offered = afterAgent ? ['keyboard-interactive'] : (methodsLeft ?? ['publickey', 'keyboard-interactive']);
        if (!afterAgent && tried.has('publickey') && !partialSuccess && offered.includes('publickey') && !tried.has('keyboard-interactive')) {
          failure = keyRefused();
          return next(false as never);
        }
        if (key && !tried.has('publickey') && offered.includes('publickey')) {
          tried.add('publickey');
          if (key.agent) return next({ type: 'agent', username, agent: key.agent });
          return next({ type: 'publickey', username, key: key.privateKey!, ...(key.passphrase ? { passphrase: key.passphrase } : {}) });
        }
        if (!tried.has('keyboard-interactive') && offered.includes('keyboard-interactive')) {
          tried.add('keyboard-interactive');
          return next({
            type: 'keyboard-interactive',
            username,
            prompt: (name, instructions, _lang, prompts, answer) => {
              // Servers may send an empty round (nothing to ask) before or after the real one.
              if (prompts.length === 0) return answer([]);
              prompted = true;
              ask(() => options.prompter.keyboardInteractive({ host: hop.label, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: Boolean(p.echo) })) })).then(
                (answers) => {
                  if (answers === undefined) {
                    failure = new FumidaiError('Cancelled', `The login to ${hop.label} was cancelled at its ${name || 'verification'} prompt.`);
                    client.end();
                    return;
                  }
                  answer(answers);
                },
                () => client.end(),
              );
            },
          });
        }
        if (tried.has('keyboard-interactive') && !prompted && tried.has('publickey')) {
          // Asked nothing: the server never got past the key.
          failure = keyRefused();
        } else if (tried.has('keyboard-interactive')) {
          failure = new FumidaiError('AccessDenied', `${hop.label} did not accept the answer to its ${username} login prompt (for a verification code: check the authenticator app and the computer's clock, then try again). No session was opened.`);
        } else if (!key) {
          failure = new FumidaiError('AccessDenied', `${hop.label} wants ${offered.join(' or ')} authentication and no key is available for ${username}.`);
        } else {
          failure = new FumidaiError('AccessDenied', `${hop.label} did not accept the login for ${username} (it asks for ${offered.join(', ')}).`);
        }
        next(false as never);
      },
    });
  });
}

function tcpSocket(hop: SshHop): Duplex {
  return tcpConnect({ host: hop.host, port: hop.port });
}

function describeError(hop: SshHop, err: Error & { level?: string; code?: string }, hadKey: boolean): FumidaiError {
  // The key vault's agent refuses with its own reason (an expired or wiped key).
  if (err instanceof FumidaiError) return err;
  if (err.level === 'client-authentication') {
    return new FumidaiError('AccessDenied', `${hop.label} refused the login${hadKey ? '' : ' (no key was available)'}: ${err.message}.`);
  }
  const code = err.code;
  if (code === 'ECONNREFUSED') return new FumidaiError('Network', `${hop.label} refused the connection on ${hop.host}:${hop.port}: no SSH server is listening there.`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FumidaiError('Network', `${hop.host} (for ${hop.label}) could not be resolved. Check the name, or add a HostName for it in ~/.ssh/config.`);
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new FumidaiError('Network', `${hop.label} at ${hop.host}:${hop.port} could not be reached (${code}). Check the network path and security groups.`);
  return new FumidaiError('Network', `The SSH connection to ${hop.label} failed: ${err.message}`);
}
