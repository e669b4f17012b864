// The agent's side of Session Manager's KMS encryption for one session: the KMSEncryption
// action it asks the client for, opening the data key the client got from KMS (kms:Decrypt with
// the session, target and — when the client acknowledged it — the challenge as context), the
// challenge round that proves both ends hold the key, and sealing/opening stream payloads.
import { randomBytes } from 'node:crypto';
import { AGENT_SEALED_TYPES, CLIENT_SEALED_TYPES, PayloadSealer, dataKeyContext } from '../../main/ssm/protocol';

export type OpenDataKey = (ciphertext: Buffer, context: Record<string, string>) => Buffer;

export class AgentEncryption {
  /** Sent in the request; the client may bind it into the data key's encryption context. */
  private readonly requestChallenge = randomBytes(16).toString('base64');
  private sealer: PayloadSealer | undefined;
  private challengeBytes: Buffer | undefined;

  constructor(
    readonly keyId: string,
    private readonly sessionId: string,
    private readonly targetId: string,
    private readonly openDataKey: OpenDataKey | undefined,
  ) {}

  action(): { ActionType: string; ActionParameters: unknown } {
    return { ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: this.keyId, Challenge: this.requestChallenge } };
  }

  /** The client's KMSEncryption result: the challenge request to send next, or why the session ends. */
  accept(result: unknown): { ok: true; challenge: Buffer } | { ok: false; error: string } {
    const r = (result ?? {}) as { KMSCipherTextKey?: unknown; ChallengeAcknowledgement?: unknown };
    if (typeof r.KMSCipherTextKey !== 'string' || !r.KMSCipherTextKey) return { ok: false, error: 'Failed to process action KMSEncryption: no KMSCipherTextKey in the response' };
    if (!this.openDataKey) return { ok: false, error: 'Failed to process action KMSEncryption: this agent cannot reach KMS' };
    const context = dataKeyContext(this.sessionId, this.targetId, r.ChallengeAcknowledgement === true ? this.requestChallenge : undefined);
    let key: Buffer;
    try {
      key = this.openDataKey(Buffer.from(r.KMSCipherTextKey, 'base64'), context);
    } catch (error) {
      return { ok: false, error: `Failed to decrypt the session data key: ${error instanceof Error ? error.message : String(error)}` };
    }
    try {
      this.sealer = new PayloadSealer(key, 'agent');
    } catch (error) {
      return { ok: false, error: `Failed to process action KMSEncryption: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      key.fill(0);
    }
    this.challengeBytes = randomBytes(64);
    return { ok: true, challenge: Buffer.from(JSON.stringify({ Challenge: this.sealer.seal(this.challengeBytes).toString('base64') })) };
  }

  /** The client's EncChallengeResponse: true when it opened and re-sealed our random bytes. */
  verify(payload: Buffer): boolean {
    if (!this.sealer || !this.challengeBytes) return false;
    try {
      const { Challenge } = JSON.parse(payload.toString('utf8')) as { Challenge?: unknown };
      return typeof Challenge === 'string' && this.sealer.open(Buffer.from(Challenge, 'base64')).equals(this.challengeBytes);
    } catch {
      return false;
    }
  }

  sealOutgoing(payloadType: number, payload: Buffer): Buffer {
    return this.sealer && AGENT_SEALED_TYPES.has(payloadType) ? this.sealer.seal(payload) : payload;
  }

  /** Throws SealError when the client's data does not open. */
  openIncoming(payloadType: number, payload: Buffer): Buffer {
    return this.sealer && CLIENT_SEALED_TYPES.has(payloadType) ? this.sealer.open(payload) : payload;
  }

  wipe(): void {
    this.sealer?.wipe();
  }
}
