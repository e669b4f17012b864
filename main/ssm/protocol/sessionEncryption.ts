// Session Manager's KMS encryption of a session's data (when the account's Session Manager
// preferences name a KMS key): the client asks KMS for a 64-byte data key bound to the session
// and target, hands the agent its ciphertext, and both sides then seal stream payloads with
// AES-256-GCM — bytes 0–31 of the key for agent→client, 32–63 for client→agent. A challenge
// round proves both hold the same key before any data flows. Shared by the client and the
// emulated agent so the two cannot drift apart; see ssm-data-channel.md §7.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PayloadType } from './constants';

export const DATA_KEY_BYTES = 64;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What the agent says in HandshakeComplete when a session is encrypted. */
export const KMS_CUSTOMER_MESSAGE = 'This session is encrypted using AWS KMS.';

/** Payload types sealed on the way to the client, and the one sealed on the way to the agent. */
export const AGENT_SEALED_TYPES: ReadonlySet<number> = new Set([PayloadType.Output, PayloadType.StdErr, PayloadType.ExitCode]);
export const CLIENT_SEALED_TYPES: ReadonlySet<number> = new Set([PayloadType.Output]);

/** KMS action parameters in a HandshakeRequest. */
export interface KmsEncryptionActionParameters {
  KMSKeyId: string;
  /** Newer agents: a random challenge the client may bind into the encryption context. */
  Challenge?: string;
}

/** The encryption context a data key is generated under (and must be decrypted under). */
export function dataKeyContext(sessionId: string, targetId: string, challenge?: string): Record<string, string> {
  return { 'aws:ssm:SessionId': sessionId, 'aws:ssm:TargetId': targetId, ...(challenge ? { 'aws:ssm:RandomChallenge': challenge } : {}) };
}

export class SealError extends Error {}

/** One direction's sealing and the other's opening, for one side of the channel. */
export class PayloadSealer {
  private readonly sealKey: Buffer;
  private readonly openKey: Buffer;

  /** `side` says which half of the data key this end encrypts with. */
  constructor(dataKey: Uint8Array, side: 'client' | 'agent') {
    if (dataKey.length !== DATA_KEY_BYTES) throw new SealError(`the session data key must be ${DATA_KEY_BYTES} bytes, not ${dataKey.length}`);
    const agentToClient = Buffer.from(dataKey.subarray(0, 32));
    const clientToAgent = Buffer.from(dataKey.subarray(32, 64));
    this.sealKey = side === 'client' ? clientToAgent : agentToClient;
    this.openKey = side === 'client' ? agentToClient : clientToAgent;
  }

  /** nonce(12) ‖ ciphertext ‖ tag(16) */
  seal(plain: Uint8Array): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  }

  open(sealed: Uint8Array): Buffer {
    if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new SealError(`an encrypted payload of ${sealed.length} bytes is shorter than its nonce and tag`);
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const decipher = createDecipheriv('aes-256-gcm', this.openKey, buf.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(buf.subarray(NONCE_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealError('an encrypted payload failed its integrity check (wrong key or altered data)');
    }
  }

  /** Client side of the challenge: open with the agent's key, seal again with ours. */
  answerChallenge(challengeBase64: string): string {
    return this.seal(this.open(Buffer.from(challengeBase64, 'base64'))).toString('base64');
  }

  /** Zero the keys (the session ended). */
  wipe(): void {
    this.sealKey.fill(0);
    this.openKey.fill(0);
  }
}
