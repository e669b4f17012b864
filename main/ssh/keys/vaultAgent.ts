// The ssh2 agent the vault hands to the connect path for each key. ssh2 asks it for the public key
// and for one signature per authentication; it never sees the private key. Once the vault wipes the
// key (or it expires), the agent refuses, with a message that says what to do.
import { FumidaiError } from '../../../common/api/errors';
import ssh2, { type BaseAgent, type IdentityCallback, type KnownPublicKeys, type ParsedKey, type SignCallback, type SigningRequestOptions } from 'ssh2';
import type { HeldKey } from './heldKey';

/** The public keys an agent listed, parsed; entries ssh2 cannot read are left out. */
export function parseIdentities(keys: KnownPublicKeys | undefined): ParsedKey[] {
  const out: ParsedKey[] = [];
  for (const k of keys ?? []) {
    const raw = typeof k === 'object' && !Buffer.isBuffer(k) && 'pubKey' in k ? ('pubKey' in k.pubKey ? k.pubKey.pubKey : k.pubKey) : k;
    const parsed = ssh2.utils.parseKey(raw);
    if (!(parsed instanceof Error)) out.push(parsed);
  }
  return out;
}

/** Why the key cannot sign now, or undefined while it can. */
export type Usability = () => string | undefined;

/** An agent over one key the vault holds. */
export class HeldKeyAgent extends ssh2.BaseAgent {
  constructor(
    private readonly key: HeldKey,
    private readonly unusable: Usability,
  ) {
    super();
  }

  getIdentities(cb: IdentityCallback): void {
    const why = this.unusable();
    if (why) return cb(new FumidaiError('KeyExpired', why));
    cb(undefined, [this.key.publicKeyOpenSsh]);
  }

  sign(_pubKey: unknown, data: Buffer, options?: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    const done = (typeof options === 'function' ? options : cb) as SignCallback;
    const hash = typeof options === 'object' ? options.hash : undefined;
    const why = this.unusable();
    if (why) return done(new FumidaiError('KeyExpired', why));
    try {
      done(undefined, this.key.sign(data, hash));
    } catch (e) {
      done(e as Error);
    }
  }
}

/**
 * The user's own SSH agent, offered through the vault so that forgetting the entry also stops it
 * from signing for sessions that still hold it. Optionally narrowed to one identity.
 */
export class ForwardingAgent extends ssh2.BaseAgent {
  constructor(
    private readonly inner: BaseAgent,
    private readonly unusable: Usability,
    private readonly only?: (key: ParsedKey) => boolean,
  ) {
    super();
  }

  getIdentities(cb: IdentityCallback): void {
    const why = this.unusable();
    if (why) return cb(new FumidaiError('KeyExpired', why));
    this.inner.getIdentities((err, keys) => {
      if (err) return cb(err);
      const parsed = parseIdentities(keys);
      cb(undefined, this.only ? parsed.filter(this.only) : parsed);
    });
  }

  sign(pubKey: ParsedKey, data: Buffer, options?: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    const done = (typeof options === 'function' ? options : cb) as SignCallback;
    const why = this.unusable();
    if (why) return done(new FumidaiError('KeyExpired', why));
    const opts = typeof options === 'object' ? options : {};
    this.inner.sign(pubKey, data, opts, done);
  }
}
