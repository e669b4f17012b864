// One private key as the vault holds it: a single Buffer of PKCS#8 DER that the vault owns and
// zero-fills at wipe, plus the public half. Signing makes a transient crypto key from that Buffer,
// so no long-lived KeyObject or PEM string keeps a copy the wipe could not reach.
//
// What JavaScript cannot promise: the SDK hands a SecureString over as a string and ssh2's parser
// builds strings while decoding an OpenSSH key. Those copies are never stored; they become
// unreachable as soon as loading returns, and no code path writes or logs them.
import { createHash, createPrivateKey, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';

const { parseKey } = ssh2.utils;

export class HeldKey {
  private wiped = false;

  private constructor(
    private readonly pkcs8: Buffer,
    /** The public key in SSH wire format. */
    readonly publicBlob: Buffer,
    /** `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`, … */
    readonly algorithm: string,
  ) {}

  /** `SHA256:…` as `ssh-keygen -lf` prints it. */
  get fingerprint(): string {
    return fingerprintOf(this.publicBlob);
  }

  /** `<algorithm> <base64>` — what authorized_keys and SendSSHPublicKey take. */
  get publicKeyOpenSsh(): string {
    return `${this.algorithm} ${this.publicBlob.toString('base64')}`;
  }

  get isWiped(): boolean {
    return this.wiped;
  }

  /** A signature in the form ssh2 expects from an agent (it converts ECDSA's DER itself). */
  sign(data: Buffer, hash?: string): Buffer {
    if (this.wiped) throw new Error('The key was wiped.');
    const key = createPrivateKey({ key: this.pkcs8, format: 'der', type: 'pkcs8' });
    return cryptoSign(hashFor(this.algorithm, hash), data, key);
  }

  /** Zero-fills the private key bytes; the key cannot sign afterwards. */
  wipe(): void {
    this.pkcs8.fill(0);
    this.wiped = true;
  }

  /**
   * Decodes an OpenSSH, PEM or PuTTY private key. The caller's buffer is left as is (the caller
   * zero-fills it). Throws KeyDecodeError with `encrypted` set when a passphrase is needed or wrong.
   */
  static decode(text: Buffer, passphrase?: string): HeldKey {
    const parsed = parseKey(text, passphrase);
    if (parsed instanceof Error) throw KeyDecodeError.from(parsed, passphrase !== undefined);
    const key = (Array.isArray(parsed) ? parsed[0] : parsed) as ParsedKey | undefined;
    if (!key) throw new KeyDecodeError('the file holds no key', false);
    if (!key.isPrivateKey()) throw new KeyDecodeError('this is a public key; the private half is needed', false);
    const pkcs8 = createPrivateKey(key.getPrivatePEM()).export({ format: 'der', type: 'pkcs8' });
    return new HeldKey(pkcs8, Buffer.from(key.getPublicSSH()), key.type);
  }

  /** A fresh Ed25519 key pair that exists only here (EC2 Instance Connect's ephemeral keys). */
  static generateEd25519(): HeldKey {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    return new HeldKey(pkcs8, Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]), 'ssh-ed25519');
  }
}

export class KeyDecodeError extends Error {
  constructor(
    message: string,
    /** The key is encrypted: a passphrase is missing (no passphrase given) or wrong. */
    readonly encrypted: boolean,
  ) {
    super(message);
    this.name = 'KeyDecodeError';
  }

  static from(e: Error, hadPassphrase: boolean): KeyDecodeError {
    if (/no passphrase given/i.test(e.message)) return new KeyDecodeError('the key is protected by a passphrase', true);
    // With a passphrase, OpenSSH keys fail their check integers and PEM keys their padding.
    if (hadPassphrase && /integrity check|decrypt|bad|malformed/i.test(e.message)) return new KeyDecodeError('the passphrase is not right', true);
    if (/unsupported/i.test(e.message)) return new KeyDecodeError(e.message.replace(/^./, (c) => c.toLowerCase()), false);
    return new KeyDecodeError('it is not a private key ssh can read (OpenSSH, PEM or PuTTY format)', false);
  }
}

export function fingerprintOf(publicBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`;
}

function hashFor(algorithm: string, requested: string | undefined): string | null {
  if (algorithm === 'ssh-ed25519' || algorithm === 'ssh-ed448') return null;
  if (algorithm === 'ssh-rsa') return requested ?? 'sha1';
  if (algorithm.endsWith('nistp256')) return 'sha256';
  if (algorithm.endsWith('nistp384')) return 'sha384';
  if (algorithm.endsWith('nistp521')) return 'sha512';
  return requested ?? 'sha256';
}

function sshString(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}
