// Decides what to do with the host key a server presents, OpenSSH's way, over several sources
// (the user's ~/.ssh/known_hosts and Fumidai's store): a matching key anywhere is trusted; a
// revoked key is refused; a different key of the same type is a changed key and blocks the
// connection; otherwise the key is new and the user is asked.
import { entryNames, fingerprintOf, keyTypeOf, type KnownHostEntry } from './knownHosts';

export interface HostKeySource {
  /** Where the entries come from, for messages (a path). */
  label: string;
  entries: readonly KnownHostEntry[];
}

export type HostKeyVerdict =
  | { status: 'trusted'; source: string; line: number }
  | { status: 'revoked'; source: string; line: number; fingerprint: string }
  | { status: 'changed'; source: string; line: number; knownFingerprint: string; fingerprint: string; keyType: string }
  /** Never seen; `otherTypes` lists key types already known for this name (a new type is still asked). */
  | { status: 'unknown'; fingerprint: string; keyType: string; otherTypes: string[] };

export function checkHostKey(name: string, presented: Buffer, sources: readonly HostKeySource[]): HostKeyVerdict {
  const keyType = keyTypeOf(presented);
  const fingerprint = fingerprintOf(presented);
  const named = sources.flatMap((s) => s.entries.filter((e) => e.marker !== 'cert-authority' && entryNames(e, name)).map((e) => ({ source: s.label, e })));
  // A revoked key stays refused even when another line would trust it.
  const revoked = sources.flatMap((s) => s.entries.filter((e) => e.marker === 'revoked' && e.key.equals(presented)).map((e) => ({ source: s.label, e })));
  if (revoked[0]) return { status: 'revoked', source: revoked[0].source, line: revoked[0].e.line, fingerprint };
  const match = named.find(({ e }) => !e.marker && e.key.equals(presented));
  if (match) return { status: 'trusted', source: match.source, line: match.e.line };
  const sameType = named.find(({ e }) => !e.marker && e.keyType === keyType);
  if (sameType) return { status: 'changed', source: sameType.source, line: sameType.e.line, knownFingerprint: fingerprintOf(sameType.e.key), fingerprint, keyType };
  const otherTypes = [...new Set(named.filter(({ e }) => !e.marker).map(({ e }) => e.keyType))];
  return { status: 'unknown', fingerprint, keyType, otherTypes };
}
