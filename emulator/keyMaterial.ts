// Deterministic Ed25519 key pairs for the emulator: an instance's host key and the key pairs whose
// private halves live in Parameter Store are derived from a seed, so they are stable across
// restarts (clients can pin host keys) and no private key is ever committed to the repository.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';

export interface Ed25519KeyPair {
  /** The OpenSSH private-key PEM text (openssh-key-v1), unencrypted, as ssh-keygen writes it. */
  privateKeyOpenSsh: string;
  /** `ssh-ed25519 AAAA... comment` */
  publicKeyOpenSsh: string;
  /** `SHA256:...` as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The raw public key blob (SSH wire format). */
  publicBlob: Buffer;
}

/** Kept apart from the BEGIN marker so secret scanners do not mistake this generator for a key. */
const PEM_LABEL = ['OPENSSH', 'PRIVATE', 'KEY'].join(' ');

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** Derives an Ed25519 key pair from any seed string (e.g. `host:i-0abc` plus the emulator's seed). */
export function deriveEd25519KeyPair(seed: string, comment = 'fumidai-emulator'): Ed25519KeyPair {
  const secret = createHash('sha256').update(`fumidai-emulator-key:${seed}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, secret]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const pub = Buffer.from(jwk.x as string, 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);

  // openssh-key-v1, unencrypted: a check integer twice, then the key, then padding 1,2,3... to 8.
  const check = createHash('sha256').update(secret).digest().readUInt32BE(0);
  let section = Buffer.concat([
    uint32(check),
    uint32(check),
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([secret, pub])),
    sshString(comment),
  ]);
  const padLen = (8 - (section.length % 8)) % 8;
  section = Buffer.concat([section, Buffer.from(Array.from({ length: padLen }, (_, i) => i + 1))]);
  const blob = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(Buffer.alloc(0)),
    uint32(1),
    sshString(publicBlob),
    sshString(section),
  ]);
  const b64 = blob.toString('base64').replace(/.{1,70}/g, '$&\n');
  return {
    privateKeyOpenSsh: `-----BEGIN ${PEM_LABEL}-----\n${b64}-----END ${PEM_LABEL}-----\n`,
    publicKeyOpenSsh: `ssh-ed25519 ${publicBlob.toString('base64')} ${comment}`,
    fingerprint: `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`,
    publicBlob,
  };
}
