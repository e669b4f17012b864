// Key pairs for tests, from ssh2's generator — minus its one flaw: for an Ed25519 key whose
// public half starts with a zero byte (about one key in two hundred), it writes a 31-byte public
// key that its own parser (and OpenSSH) then refuses as malformed. Tests that generated keys
// directly failed at that rate; this regenerates such a pair. (Fumidai's own keys come from
// node:crypto and are not affected.)
import ssh2 from 'ssh2';

type Generate = typeof ssh2.utils.generateKeyPairSync;

export const generateKeyPairSync: Generate = ((type: Parameters<Generate>[0], options?: Parameters<Generate>[1]) => {
  for (;;) {
    const pair = options === undefined ? ssh2.utils.generateKeyPairSync(type as 'ed25519') : ssh2.utils.generateKeyPairSync(type as 'ed25519', options as object);
    const passphrase = (options as { passphrase?: string } | undefined)?.passphrase;
    if (!(ssh2.utils.parseKey(pair.private, passphrase) instanceof Error)) return pair;
  }
}) as Generate;
