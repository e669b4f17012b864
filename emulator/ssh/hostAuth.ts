// Who may log in to an emulated SSH host, shared by both back-ends so they cannot disagree:
// a public key from the host's authorised list (the key pairs whose private halves are in
// Parameter Store) or one pushed through EC2 Instance Connect for that instance and OS user and
// still valid by the emulator clock; then, when the fixture says so, a TOTP code.
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader only sees its default export.
const { utils } = ssh2;
import type { Clock, InstanceConnectKeys, SshHostSpec } from '../contracts';
import { verifyTotp } from './totp';

export type KeySource = 'authorized-key' | 'instance-connect';

/** The method names login records carry: `publickey:<source>` and `keyboard-interactive`. */
export function publickeyMethod(source: KeySource): string {
  return `publickey:${source}`;
}

export function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The SSH wire blob of an OpenSSH public-key line, or undefined if the line is not a public key. */
export function publicBlobOf(line: string): Buffer | undefined {
  const parsed = utils.parseKey(line.trim());
  if (parsed instanceof Error) return undefined;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key ? key.getPublicSSH() : undefined;
}

export interface AcceptedKey {
  source: KeySource;
  line: string;
  fingerprint: string;
}

export class HostAuthPolicy {
  constructor(
    readonly spec: SshHostSpec,
    private readonly instanceConnect: InstanceConnectKeys,
    private readonly clock: Clock,
  ) {
    for (const line of spec.authorizedKeys) {
      if (!publicBlobOf(line)) throw new Error(`${spec.instanceId}: authorizedKeys holds a line that is not an OpenSSH public key: ${JSON.stringify(line.slice(0, 40))}`);
    }
  }

  get requiresTotp(): boolean {
    return Boolean(this.spec.totpSecret);
  }

  knowsUser(osUser: string): boolean {
    return this.spec.osUsers.includes(osUser);
  }

  /** Every key line that would be accepted for this user right now, with its source. */
  currentKeys(osUser: string): Array<{ source: KeySource; line: string }> {
    if (!this.knowsUser(osUser)) return [];
    return [
      ...this.spec.authorizedKeys.map((line) => ({ source: 'authorized-key' as const, line: line.trim() })),
      ...this.instanceConnect.validKeys(this.spec.instanceId, osUser).map((line) => ({ source: 'instance-connect' as const, line: line.trim() })),
    ];
  }

  /** The accepted key whose blob equals `blob`, or undefined if this key may not log in now. */
  acceptedKey(osUser: string, blob: Buffer): AcceptedKey | undefined {
    for (const key of this.currentKeys(osUser)) {
      const candidate = publicBlobOf(key.line);
      if (candidate && candidate.equals(blob)) return { ...key, fingerprint: fingerprintOfBlob(blob) };
    }
    return undefined;
  }

  /** The source of a key known by fingerprint only (what sshd logs). */
  sourceOfFingerprint(osUser: string, fingerprint: string): KeySource | undefined {
    for (const key of this.currentKeys(osUser)) {
      const blob = publicBlobOf(key.line);
      if (blob && fingerprintOfBlob(blob) === fingerprint) return key.source;
    }
    return undefined;
  }

  checkTotp(code: string): boolean {
    const secret = this.spec.totpSecret;
    return secret ? verifyTotp(secret, code, this.clock.now()) : false;
  }
}
