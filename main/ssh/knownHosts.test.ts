import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkHostKey } from './hostKeyCheck';
import { HostKeyStore } from './hostKeyStore';
import { entryNames, fingerprintOf, formatKnownHost, knownHostsName, parseKnownHosts } from './knownHosts';

/** A fresh ed25519 public key as its SSH wire blob (made at test time; nothing is committed). */
function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return Buffer.concat([str(Buffer.from('ssh-ed25519')), str(raw)]);
}
const line = (patterns: string, blob: Buffer) => `${patterns} ssh-ed25519 ${blob.toString('base64')}`;
function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  const a = ed25519Blob();
  const b = ed25519Blob();

  it('files hosts on port 22 by name and others as [host]:port', () => {
    expect(knownHostsName('10.0.0.5', 22)).toBe('10.0.0.5');
    expect(knownHostsName('bastion', 2222)).toBe('[bastion]:2222');
  });

  it('matches plain, wildcard, negated, [host]:port and hashed entries', () => {
    const entries = parseKnownHosts(
      [
        '# comment',
        line('web-1,10.0.1.11', a),
        line('*.corp,!db.corp', a),
        line('[bastion]:2222', a),
        line(hashed('secret-host'), a),
        line(hashed('[secret-host]:2022'), a),
        'garbage line',
        `host ssh-rsa ${a.toString('base64')}`, // type in text disagrees with the blob: ignored
      ].join('\n'),
    );
    expect(entries.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    const names = (n: string) => entries.filter((e) => entryNames(e, n)).map((e) => e.line);
    expect(names('10.0.1.11')).toEqual([2]);
    expect(names('WEB-1')).toEqual([2]);
    expect(names('app.corp')).toEqual([3]);
    expect(names('db.corp')).toEqual([]);
    expect(names('[bastion]:2222')).toEqual([4]);
    expect(names('bastion')).toEqual([]);
    expect(names('secret-host')).toEqual([5]);
    expect(names('[secret-host]:2022')).toEqual([6]);
  });

  it('trusts a matching key, blocks a changed one, refuses a revoked one and asks about a new one', () => {
    const user = { label: '~/.ssh/known_hosts', entries: parseKnownHosts([line('web-1', a), `@revoked * ssh-ed25519 ${b.toString('base64')}`].join('\n')) };
    expect(checkHostKey('web-1', a, [user])).toEqual({ status: 'trusted', source: '~/.ssh/known_hosts', line: 1 });
    expect(checkHostKey('web-2', b, [user])).toMatchObject({ status: 'revoked', line: 2, fingerprint: fingerprintOf(b) });
    const c = ed25519Blob();
    expect(checkHostKey('web-1', c, [user])).toEqual({
      status: 'changed',
      source: '~/.ssh/known_hosts',
      line: 1,
      knownFingerprint: fingerprintOf(a),
      fingerprint: fingerprintOf(c),
      keyType: 'ssh-ed25519',
    });
    expect(checkHostKey('web-3', c, [user])).toEqual({ status: 'unknown', fingerprint: fingerprintOf(c), keyType: 'ssh-ed25519', otherTypes: [] });
    // A key trusted in one source wins over a stale line in another, as in OpenSSH.
    const store = { label: 'fumidai', entries: parseKnownHosts(line('web-1', c)) };
    expect(checkHostKey('web-1', c, [user, store])).toMatchObject({ status: 'trusted', source: 'fumidai' });
  });

  it('formats lines that parse back to the same key', () => {
    const [e] = parseKnownHosts(formatKnownHost('i-0123456789abcdef0', a, 'added by\tFumidai'));
    expect(e).toMatchObject({ patterns: 'i-0123456789abcdef0', keyType: 'ssh-ed25519' });
    expect(e!.key.equals(a)).toBe(true);
  });
});

describe('HostKeyStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostkeys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps accepted keys in a 0600 file, replaces a same-type key, and forgets by name', async () => {
    const store = HostKeyStore.inDirectory(dir);
    expect(await store.list()).toEqual([]);
    const a = ed25519Blob();
    const b = ed25519Blob();
    await Promise.all([store.trust('i-0aaaaaaaaaaaaaaaa', a), store.trust('[bastion]:2222', b)]);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(await store.list()).toEqual([
      { name: 'i-0aaaaaaaaaaaaaaaa', keyType: 'ssh-ed25519', fingerprint: fingerprintOf(a) },
      { name: '[bastion]:2222', keyType: 'ssh-ed25519', fingerprint: fingerprintOf(b) },
    ]);
    await store.trust('i-0aaaaaaaaaaaaaaaa', b);
    expect((await store.list()).filter((k) => k.name === 'i-0aaaaaaaaaaaaaaaa').map((k) => k.fingerprint)).toEqual([fingerprintOf(b)]);
    expect(await store.forget('i-0aaaaaaaaaaaaaaaa')).toBe(1);
    expect(await store.forget('nothing-here')).toBe(0);
    expect(readFileSync(store.file, 'utf8')).not.toContain('i-0aaaaaaaaaaaaaaaa');
    await expect(store.trust('bad name', a)).rejects.toThrow(/cannot be a known_hosts name/);
  });

  it('reads a store a person edited by hand, skipping what does not parse', async () => {
    const store = new HostKeyStore(join(dir, 'edited'));
    writeFileSync(store.file, `junk\n${line('web-1', ed25519Blob())}\n`);
    expect((await store.entries()).map((e) => e.line)).toEqual([2]);
  });
});
