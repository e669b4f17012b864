import { generateKeyPairSync } from '../../../test/helpers/sshKeyPair';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { HeldKey, KeyDecodeError } from './heldKey';

const { parseKey } = ssh2.utils;

function publicOf(line: string) {
  const parsed = parseKey(line);
  if (parsed instanceof Error) throw parsed;
  return parsed;
}

describe('HeldKey', () => {
  it.each([
    ['ed25519', {}],
    ['ecdsa', { bits: 256 }],
    ['ecdsa', { bits: 384 }],
    ['rsa', { bits: 2048 }],
  ] as const)('decodes a %s key and signs what its public half verifies', (type, opts) => {
    const pair = generateKeyPairSync(type as 'ed25519', opts as object);
    const held = HeldKey.decode(Buffer.from(pair.private));
    const pub = publicOf(pair.public);
    expect(held.algorithm).toBe(pub.type);
    expect(held.publicBlob.equals(pub.getPublicSSH())).toBe(true);
    expect(held.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const data = Buffer.from('session id and userauth request');
    const hash = type === 'rsa' ? 'sha512' : undefined;
    expect(pub.verify(data, held.sign(data, hash), hash)).toBe(true);
  });

  it('zero-fills its bytes when wiped and refuses to sign afterwards', () => {
    const held = HeldKey.decode(Buffer.from(generateKeyPairSync('ed25519').private));
    const bytes = (held as unknown as { pkcs8: Buffer }).pkcs8;
    expect(bytes.some((b) => b !== 0)).toBe(true);
    held.wipe();
    expect(bytes.every((b) => b === 0)).toBe(true);
    expect(held.isWiped).toBe(true);
    expect(() => held.sign(Buffer.from('x'))).toThrow(/wiped/);
  });

  it('tells a missing or wrong passphrase from a file that is not a key', () => {
    const pair = generateKeyPairSync('ed25519', { passphrase: 'open sesame', cipher: 'aes256-ctr', rounds: 2 });
    const text = Buffer.from(pair.private);
    expect(() => HeldKey.decode(text)).toThrow(expect.objectContaining({ encrypted: true, message: expect.stringMatching(/passphrase/) }));
    expect(() => HeldKey.decode(text, 'wrong')).toThrow(expect.objectContaining({ encrypted: true, message: 'the passphrase is not right' }));
    expect(HeldKey.decode(text, 'open sesame').algorithm).toBe('ssh-ed25519');
    expect(() => HeldKey.decode(Buffer.from('hello'))).toThrow(KeyDecodeError);
    expect(() => HeldKey.decode(Buffer.from(pair.public))).toThrow(/public key/);
  });

  it('generates Ed25519 pairs whose public line the host side can parse, a new one each time', () => {
    const a = HeldKey.generateEd25519();
    const b = HeldKey.generateEd25519();
    expect(a.fingerprint).not.toBe(b.fingerprint);
    const pub = publicOf(a.publicKeyOpenSsh);
    const data = Buffer.from('challenge');
    expect(pub.verify(data, a.sign(data))).toBe(true);
  });
});
