// Each emulated instance's host key is derived from its fixture seed, so it is the same on every
// start and clients can pin it (known_hosts, HostKeyAlias) like a real instance's.
import { deriveEd25519KeyPair, type Ed25519KeyPair } from '../keyMaterial';
import type { SshHostSpec } from '../contracts';

export function hostKeyOf(spec: SshHostSpec): Ed25519KeyPair {
  if (!spec.hostKeySeed) throw new Error(`${spec.instanceId}: hostKeySeed is empty; every SSH host needs a stable host key seed`);
  return deriveEd25519KeyPair(spec.hostKeySeed, `root@${spec.name || spec.instanceId}`);
}
