// The host-key decision for one login: read ~/.ssh/known_hosts (never written) and Fumidai's store,
// trust a known key, ask about a new one (and file it in Fumidai's store when accepted), and refuse
// a changed or revoked key with a message that says what to check and how to clear it.
import { readFile } from 'node:fs/promises';
import { FumidaiError } from '../../common/api/errors';
import { checkHostKey, type HostKeySource } from './hostKeyCheck';
import type { HostKeyStore } from './hostKeyStore';
import { parseKnownHosts } from './knownHosts';
import type { SshHop, SshPrompter } from './types';

export interface HostKeyVerifierOptions {
  /** The user's known_hosts files (~/.ssh/known_hosts), read-only. */
  userFiles: string[];
  store: HostKeyStore;
}

export class HostKeyVerifier {
  constructor(private readonly options: HostKeyVerifierOptions) {}

  /** Resolves when the key may be used; throws HostKeyMismatch / Cancelled otherwise. */
  async verify(hop: SshHop, key: Buffer, prompter: SshPrompter): Promise<void> {
    const sources: HostKeySource[] = [];
    for (const file of this.options.userFiles) sources.push({ label: file, entries: parseKnownHosts(await readOptional(file)) });
    sources.push({ label: this.options.store.file, entries: await this.options.store.entries() });
    const verdict = checkHostKey(hop.hostKeyName, key, sources);
    switch (verdict.status) {
      case 'trusted':
        return;
      case 'revoked':
        throw new FumidaiError('HostKeyMismatch', `${hop.label} presented a host key that is marked revoked in ${verdict.source} (line ${verdict.line}): ${verdict.fingerprint}. The connection was refused.`, {
          host: hop.hostKeyName,
          fingerprint: verdict.fingerprint,
        });
      case 'changed': {
        const ours = verdict.source === this.options.store.file;
        const fix = ours
          ? `If the host was really rebuilt, remove the old key under Settings → SSH host keys (or run: fumidai ssh --forget-host-key ${hop.hostKeyName}) and connect again to review the new one.`
          : `If the host was really rebuilt, remove the old key with: ssh-keygen -R '${hop.hostKeyName}' (it is in ${verdict.source}, line ${verdict.line}) and connect again to review the new one.`;
        throw new FumidaiError(
          'HostKeyMismatch',
          `The host key of ${hop.label} has CHANGED. Someone could be intercepting the connection, or the host was rebuilt. Known ${verdict.keyType} key: ${verdict.knownFingerprint}; presented: ${verdict.fingerprint}. The connection was blocked. ${fix}`,
          { host: hop.hostKeyName, knownFingerprint: verdict.knownFingerprint, fingerprint: verdict.fingerprint, source: verdict.source, line: verdict.line },
        );
      }
      case 'unknown': {
        const accepted = await prompter.confirmHostKey({ host: hop.label, hostKeyName: hop.hostKeyName, keyType: verdict.keyType, fingerprint: verdict.fingerprint, otherTypes: verdict.otherTypes });
        if (!accepted) throw new FumidaiError('Cancelled', `The host key of ${hop.label} (${verdict.fingerprint}) was not accepted, so no connection was made.`);
        await this.options.store.trust(hop.hostKeyName, key, hop.instance ? hop.instance.instanceId : undefined);
        return;
      }
    }
  }
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    // No known_hosts (or an unreadable one) simply knows no hosts: the user is asked.
    return '';
  }
}
