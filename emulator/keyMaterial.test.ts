import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { deriveEd25519KeyPair } from './keyMaterial';

describe('deriveEd25519KeyPair', () => {
  it('is deterministic per seed and different across seeds', () => {
    const a = deriveEd25519KeyPair('host:i-1');
    expect(deriveEd25519KeyPair('host:i-1').privateKeyOpenSsh).toBe(a.privateKeyOpenSsh);
    expect(deriveEd25519KeyPair('host:i-2').publicKeyOpenSsh).not.toBe(a.publicKeyOpenSsh);
  });

  it('produces keys ssh2 parses, signs with and verifies', () => {
    const pair = deriveEd25519KeyPair('bastion');
    const priv = ssh2.utils.parseKey(pair.privateKeyOpenSsh);
    const pub = ssh2.utils.parseKey(pair.publicKeyOpenSsh);
    if (priv instanceof Error || pub instanceof Error) throw priv instanceof Error ? priv : pub;
    const k = Array.isArray(priv) ? priv[0]! : priv;
    const p = Array.isArray(pub) ? pub[0]! : pub;
    const sig = k.sign(Buffer.from('hello'));
    expect(p.verify(Buffer.from('hello'), sig)).toBe(true);
    expect(Buffer.compare(k.getPublicSSH(), pair.publicBlob)).toBe(0);
  });

  it('matches what ssh-keygen derives and fingerprints', () => {
    let keygen: string;
    try {
      keygen = execFileSync('which', ['ssh-keygen']).toString().trim();
    } catch {
      console.log('ssh-keygen not installed: OpenSSH cross-check not run');
      return;
    }
    const pair = deriveEd25519KeyPair('cross-check');
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-key-'));
    try {
      const file = join(dir, 'id');
      writeFileSync(file, pair.privateKeyOpenSsh);
      chmodSync(file, 0o600);
      const pub = execFileSync(keygen, ['-y', '-f', file]).toString().trim();
      expect(pub.split(' ').slice(0, 2).join(' ')).toBe(pair.publicKeyOpenSsh.split(' ').slice(0, 2).join(' '));
      const fp = execFileSync(keygen, ['-lf', file]).toString();
      expect(fp).toContain(pair.fingerprint);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
