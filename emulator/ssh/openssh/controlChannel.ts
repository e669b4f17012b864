// The fleet's side of the helper: a root-only unix socket answering "which keys may log in as this
// user now?" and "is this TOTP code right now?" with the emulator's clock and Instance Connect keys.
import { createServer, type Server } from 'node:http';
import { chmodSync } from 'node:fs';
import { fingerprintOfBlob, publicBlobOf, type HostAuthPolicy, type KeySource } from '../hostAuth';

/** The bounded body of a TOTP check: a code is 6 digits, anything long is refused unread. */
const MAX_BODY = 64;

export interface ControlChannelEvents {
  /** A TOTP code was checked (sshd logs the outcome too; this says which code step failed). */
  onTotpChecked?: (instanceId: string, osUser: string, ok: boolean) => void;
}

export class ControlChannel {
  private readonly server: Server;
  /** Fingerprint → source of every key handed to sshd, so login records can name the source
   *  even after an Instance Connect key has expired. */
  private readonly servedSources = new Map<string, KeySource>();

  constructor(
    private readonly policies: Map<string, HostAuthPolicy>,
    private readonly log: (m: string) => void,
    private readonly events: ControlChannelEvents = {},
  ) {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://control');
      const [, kind, instanceId = '', osUser = ''] = url.pathname.split('/').map(decodeURIComponent);
      const policy = this.policies.get(instanceId);
      const reply = (status: number, body: string): void => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(body);
      };
      if (!policy) return reply(404, `unknown instance ${instanceId}`);
      if (req.method === 'GET' && kind === 'keys') {
        const keys = policy.currentKeys(osUser);
        for (const key of keys) {
          const blob = publicBlobOf(key.line);
          if (blob) this.servedSources.set(`${instanceId}/${fingerprintOfBlob(blob)}`, key.source);
        }
        return reply(200, keys.map((k) => `${k.line}\n`).join(''));
      }
      if (req.method === 'POST' && kind === 'totp') {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => {
          body += chunk;
          if (body.length > MAX_BODY) req.destroy();
        });
        req.on('end', () => {
          const ok = policy.knowsUser(osUser) && policy.checkTotp(body);
          this.events.onTotpChecked?.(instanceId, osUser, ok);
          reply(ok ? 200 : 403, ok ? 'ok' : 'wrong code');
        });
        return;
      }
      reply(400, 'unknown request');
    });
    this.server.on('clientError', (err) => this.log(`ssh control socket: ${err.message}`));
  }

  sourceOf(instanceId: string, fingerprint: string): KeySource | undefined {
    return this.servedSources.get(`${instanceId}/${fingerprint}`);
  }

  listen(socketPath: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(socketPath, () => {
        this.server.off('error', reject);
        chmodSync(socketPath, 0o600);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
