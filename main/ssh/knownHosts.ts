// known_hosts as OpenSSH writes it: `[marker] patterns keytype base64 [comment]`, where patterns
// are comma-separated names with * ? and !negation, `[host]:port` for ports other than 22, or one
// hashed entry `|1|salt|hmac` (HMAC-SHA1 of the name under the salt, HashKnownHosts yes).
// Used read-only for ~/.ssh/known_hosts and as the format of Fumidai's own store.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { wildcardMatch } from './sshConfig';

export interface KnownHostEntry {
  /** 1-based line number in its file, for messages that point at it. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  patterns: string;
  keyType: string;
  /** The key's SSH wire blob. */
  key: Buffer;
}

export interface HostKeyFacts {
  keyType: string;
  key: Buffer;
}

/** The name a host's keys are filed under: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** OpenSSH's fingerprint: SHA256: and the unpadded base64 of the blob's digest. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type an SSH wire blob names (its first string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return length > 0 && length < 64 && blob.length >= 4 + length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    const [patterns, keyType, base64] = fields;
    if (!patterns || !keyType || !base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return;
    const key = Buffer.from(base64, 'base64');
    // A line whose blob names another type than its text is damaged; skip it rather than trust it.
    if (keyTypeOf(key) !== keyType) return;
    entries.push({ line: index + 1, ...(marker ? { marker } : {}), patterns, keyType, key });
  });
  return entries;
}

/** Whether an entry's host field names `name` (as knownHostsName gives it). */
export function entryNames(entry: Pick<KnownHostEntry, 'patterns'>, name: string): boolean {
  if (entry.patterns.startsWith('|1|')) return hashedMatches(entry.patterns, name);
  let matched = false;
  for (const raw of entry.patterns.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (!pattern || !wildcardMatch(name, pattern)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function hashedMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** One known_hosts line for `name` (unhashed, so a person can read the store). */
export function formatKnownHost(name: string, key: Buffer, comment?: string): string {
  return `${name} ${keyTypeOf(key)} ${key.toString('base64')}${comment ? ` ${comment.replace(/\s+/g, ' ')}` : ''}`;
}
