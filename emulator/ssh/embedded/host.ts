// One embedded SSH host: an ssh2 server on a loopback port that authenticates like the fixture
// says (public key, then a TOTP code by keyboard-interactive when the host has a TOTP secret, the
// way sshd does with `AuthenticationMethods publickey,keyboard-interactive`), serves shells and
// commands, and, on a bastion, forwards direct-tcpip inside the emulated network only.
import { connect as tcpConnect, type AddressInfo } from 'node:net';
import ssh2, { type AuthContext, type Connection } from 'ssh2';
import type { SshHostHandle } from '../../contracts';
import { resolveForward, type PrivateAddressMap } from '../forwarding';
import { hostKeyOf } from '../hostKeys';
import { HostAuthPolicy, publickeyMethod } from '../hostAuth';
import { LoginAttempt, type LoginLog } from '../loginLog';
import { serveSession } from './session';

// ssh2 is CommonJS: Node's ESM loader only sees its default export.
const { Server, utils } = ssh2;

/** Like sshd's MaxAuthTries: failed attempts before the connection is dropped. */
const MAX_AUTH_FAILURES = 6;
const TOTP_PROMPT = 'Verification code: ';

export interface EmbeddedHostDeps {
  policy: HostAuthPolicy;
  rootDir: string;
  logins: LoginLog;
  addresses: PrivateAddressMap;
  now: () => number;
  log: (m: string) => void;
}

export class EmbeddedSshHost {
  private readonly server: InstanceType<typeof Server>;
  private readonly connections = new Set<Connection>();
  private readonly hostKey: ReturnType<typeof hostKeyOf>;

  constructor(private readonly deps: EmbeddedHostDeps) {
    this.hostKey = hostKeyOf(deps.policy.spec);
    this.server = new Server({ hostKeys: [this.hostKey.privateKeyOpenSsh], ident: 'OpenSSH_9.2p1 Fumidai-Emulator' }, (client, info) =>
      this.onConnection(client, info.ip),
    );
  }

  async listen(): Promise<SshHostHandle> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo;
    return {
      instanceId: this.deps.policy.spec.instanceId,
      host: '127.0.0.1',
      port,
      hostPublicKey: this.hostKey.publicKeyOpenSsh,
      hostKeyFingerprint: this.hostKey.fingerprint,
    };
  }

  async close(): Promise<void> {
    for (const client of this.connections) client.end();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(client: Connection, remoteAddress: string): void {
    const { policy, logins, now, log } = this.deps;
    const spec = policy.spec;
    const attempt = new LoginAttempt(logins, spec.instanceId, remoteAddress, now);
    let publickeyPassed = false;
    let authenticated = false;
    let failures = 0;
    this.connections.add(client);

    const methodsLeft = (): Array<'publickey' | 'keyboard-interactive'> => (publickeyPassed ? ['keyboard-interactive'] : ['publickey']);
    const fail = (ctx: AuthContext): void => {
      failures += 1;
      ctx.reject(methodsLeft(), false);
      if (failures >= MAX_AUTH_FAILURES) {
        log(`ssh ${spec.instanceId}: too many authentication failures from ${remoteAddress}`);
        client.end();
      }
    };

    client.on('authentication', (ctx) => {
      if (!policy.knowsUser(ctx.username)) {
        attempt.restart(ctx.username);
        return ctx.method === 'none' ? ctx.reject(['publickey']) : fail(ctx);
      }
      // Like sshd, a change of user in the middle starts authentication over.
      if (attempt.osUser !== ctx.username) publickeyPassed = false;
      attempt.restart(ctx.username);

      if (ctx.method === 'publickey' && !publickeyPassed) {
        const accepted = policy.acceptedKey(ctx.username, ctx.key.data);
        if (!accepted) return fail(ctx);
        // Without a signature the client only asks whether this key would do.
        if (!ctx.signature) return ctx.accept();
        const parsed = utils.parseKey(accepted.line);
        const publicKey = parsed instanceof Error ? undefined : Array.isArray(parsed) ? parsed[0] : parsed;
        if (!publicKey || publicKey.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) !== true) return fail(ctx);
        publickeyPassed = true;
        attempt.methods.push(publickeyMethod(accepted.source));
        attempt.keyFingerprint = accepted.fingerprint;
        if (policy.requiresTotp) return ctx.reject(['keyboard-interactive'], true);
        authenticated = true;
        attempt.succeeded();
        return ctx.accept();
      }

      if (ctx.method === 'keyboard-interactive' && publickeyPassed && policy.requiresTotp) {
        return ctx.prompt(
          [{ prompt: TOTP_PROMPT, echo: false }],
          'Two-factor authentication',
          `Enter the 6-digit code from your authenticator app for ${spec.name}.`,
          (answers) => {
            if (answers.length === 1 && policy.checkTotp(answers[0] ?? '')) {
              attempt.methods.push('keyboard-interactive');
              authenticated = true;
              attempt.succeeded();
              return ctx.accept();
            }
            log(`ssh ${spec.instanceId}: wrong verification code for ${ctx.username} from ${remoteAddress}`);
            fail(ctx);
          },
        );
      }
      if (ctx.method === 'none') return ctx.reject(methodsLeft());
      fail(ctx);
    });

    client.on('ready', () => {
      const identity = { osUser: attempt.osUser, hostname: spec.name, rootDir: this.deps.rootDir, instanceId: spec.instanceId };
      client.on('session', (accept) => serveSession(accept(), identity, log));
      client.on('tcpip', (accept, reject, info) => {
        if (!authenticated || spec.role !== 'bastion') {
          log(`ssh ${spec.instanceId}: direct-tcpip refused: ${spec.role} hosts do not forward`);
          return reject();
        }
        const decision = resolveForward(this.deps.addresses, info.destIP, info.destPort);
        if (!decision.ok) {
          log(`ssh ${spec.instanceId}: direct-tcpip to ${info.destIP}:${info.destPort} refused: ${decision.reason}`);
          return reject();
        }
        const socket = tcpConnect(decision.port, decision.host);
        socket.once('error', (err) => {
          log(`ssh ${spec.instanceId}: direct-tcpip to ${info.destIP}:${info.destPort} failed: ${err.message}`);
          reject();
        });
        socket.once('connect', () => {
          socket.removeAllListeners('error');
          const channel = accept();
          socket.on('error', () => channel.destroy());
          channel.on('error', () => socket.destroy());
          socket.pipe(channel).pipe(socket);
        });
      });
      // Global requests this host does not serve (remote forwarding, agent) are refused.
      client.on('request', (accept, reject) => reject?.());
    });
    client.on('error', (err) => log(`ssh ${spec.instanceId}: connection from ${remoteAddress}: ${err.message}`));
    client.on('close', () => {
      this.connections.delete(client);
      attempt.ended();
    });
  }
}
