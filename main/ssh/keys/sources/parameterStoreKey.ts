// A private key from a Parameter Store SecureString in the target's account, fetched with the
// user's role credentials when a connection needs it. The fetched bytes are zero-filled as soon as
// the key is decoded; only the vault's own copy remains.
import { FumidaiError } from '../../../../common/api/errors';
import type { AwsCallContext, KeyAwsApi } from '../awsKeyApi';
import { HeldKey, KeyDecodeError } from '../heldKey';

export interface ParameterStoreKey {
  held: HeldKey;
  /** The parameter the key came from. */
  name: string;
}

/** The first of `candidates` that exists; AccessDenied and other refusals stop the search. */
export async function loadParameterStoreKey(api: KeyAwsApi, ctx: AwsCallContext, candidates: string[]): Promise<ParameterStoreKey> {
  for (const name of candidates) {
    const bytes = await api.getSecureString(ctx, name);
    if (!bytes) continue;
    try {
      return { held: HeldKey.decode(bytes), name };
    } catch (e) {
      if (!(e instanceof KeyDecodeError)) throw e;
      const why = e.encrypted ? 'the key in it is protected by a passphrase, which Fumidai cannot ask for a shared key' : e.message;
      throw new FumidaiError('InvalidConfig', `The SSH key in ${name} (account ${ctx.accountId}) cannot be used: ${why}. Store an unencrypted OpenSSH or PEM private key in the SecureString.`);
    } finally {
      bytes.fill(0);
    }
  }
  throw new FumidaiError(
    'NotFound',
    `No SSH key in Parameter Store for this host: tried ${candidates.join(', ')} in account ${ctx.accountId} (${ctx.region}). Store the private key as a SecureString under one of these names, or set the parameter or another key source in Settings › SSH keys.`,
    { candidates, accountId: ctx.accountId, region: ctx.region },
  );
}
