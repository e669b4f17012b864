// AWS KMS, as much as Session Manager's encryption needs: GenerateDataKey (awsJson1_1,
// TrentService) for the keys an account's Session Manager preferences name, authorised by the
// policy engine, and — for the emulated agent, the way the real agent calls kms:Decrypt — opening
// a data key's ciphertext under the same encryption context. Ciphertexts are sealed with a key
// derived from the emulator's seed and bound to the context (AES-GCM additional data), so a
// wrong session, target or challenge fails as KMS's InvalidCiphertextException would.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../http/respond';
import type { RoleCredentials, World } from '../world';

const MAGIC = Buffer.from('FKMS1');

export class KmsService {
  constructor(private readonly world: World) {}

  /** The key ARN a KeyId (id, ARN, alias or alias ARN) names in this account and region, if any. */
  private resolveKey(accountId: string, region: string, keyId: string): string | undefined {
    const known = this.world.fixture.sessionPreferences.filter((p) => p.account === accountId && p.region === region && p.kmsKeyId).map((p) => p.kmsKeyId!);
    const prefix = `arn:aws:kms:${region}:${accountId}:`;
    const bare = keyId.startsWith(prefix) ? keyId.slice(prefix.length) : keyId;
    const match = known.find((k) => k === keyId || k === bare || `key/${k}` === bare || (k.startsWith(prefix) && k.slice(prefix.length) === bare));
    if (!match) return undefined;
    const name = match.startsWith(prefix) ? match.slice(prefix.length) : match.startsWith('alias/') ? match : `key/${match}`;
    return `${prefix}${name}`;
  }

  generateDataKey(c: RoleCredentials, region: string, body: Record<string, unknown>) {
    const keyId = typeof body.KeyId === 'string' ? body.KeyId : '';
    if (!keyId) throw new ApiError(400, 'ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    const bytes = typeof body.NumberOfBytes === 'number' ? body.NumberOfBytes : body.KeySpec === 'AES_256' ? 32 : body.KeySpec === 'AES_128' ? 16 : 0;
    if (!Number.isInteger(bytes) || bytes < 1 || bytes > 1024) throw new ApiError(400, 'ValidationException', 'Please specify either number of bytes (1 to 1024) or key spec.');
    const context = stringRecord(body.EncryptionContext);
    const arn = this.resolveKey(c.accountId, region, keyId);
    const shownArn = arn ?? (keyId.startsWith('arn:') ? keyId : `arn:aws:kms:${region}:${c.accountId}:${keyId.startsWith('alias/') ? keyId : `key/${keyId}`}`);
    this.world.authorize(c, 'kms:GenerateDataKey', { arn: shownArn, tags: {} });
    if (!arn) throw new ApiError(400, 'NotFoundException', keyId.includes('alias/') ? `Alias ${shownArn} is not found.` : `Key '${shownArn}' does not exist`);
    const plaintext = randomBytes(bytes);
    return { KeyId: arn, Plaintext: plaintext.toString('base64'), CiphertextBlob: this.seal(arn, plaintext, context).toString('base64') };
  }

  /** What the agent does with kms:Decrypt: the plaintext data key, or an error saying why not. */
  openDataKey(ciphertext: Buffer, context: Record<string, string>): Buffer {
    if (ciphertext.length < MAGIC.length + 2 || !ciphertext.subarray(0, MAGIC.length).equals(MAGIC)) throw new ApiError(400, 'InvalidCiphertextException', 'The ciphertext is not a KMS ciphertext blob.');
    const arnLength = ciphertext.readUInt16BE(MAGIC.length);
    const arnEnd = MAGIC.length + 2 + arnLength;
    const arn = ciphertext.subarray(MAGIC.length + 2, arnEnd).toString('utf8');
    const nonce = ciphertext.subarray(arnEnd, arnEnd + 12);
    const tag = ciphertext.subarray(ciphertext.length - 16);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey(arn), nonce);
    decipher.setAAD(canonicalContext(context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext.subarray(arnEnd + 12, ciphertext.length - 16)), decipher.final()]);
    } catch {
      throw new ApiError(400, 'InvalidCiphertextException', 'The ciphertext does not open under this encryption context (wrong session, target or challenge).');
    }
  }

  private seal(arn: string, plaintext: Buffer, context: Record<string, string>): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey(arn), nonce);
    cipher.setAAD(canonicalContext(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const arnBytes = Buffer.from(arn, 'utf8');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(arnBytes.length);
    return Buffer.concat([MAGIC, length, arnBytes, nonce, body, cipher.getAuthTag()]);
  }

  private masterKey(arn: string): Buffer {
    return createHash('sha256').update(`${this.world.seed}:kms:${arn}`).digest();
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ApiError(400, 'ValidationException', 'EncryptionContext must be a map of strings.');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new ApiError(400, 'ValidationException', `EncryptionContext value for ${k} must be a string.`);
    out[k] = v;
  }
  return out;
}

/** Order-independent, as KMS treats the context. */
function canonicalContext(context: Record<string, string>): Buffer {
  return Buffer.from(JSON.stringify(Object.keys(context).sort().map((k) => [k, context[k]])));
}
