// Fumidai's own trusted host keys: a known_hosts-format file (mode 0600) in the config directory,
// written only when the user accepts a key on first use and edited only by an explicit "forget".
// ~/.ssh/known_hosts is read but never written: it belongs to the user and their OpenSSH.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../platform/atomicFile';
import { entryNames, fingerprintOf, formatKnownHost, parseKnownHosts, type KnownHostEntry } from './knownHosts';

export interface TrustedHostKey {
  /** The name the key is filed under (host, [host]:port, or a HostKeyAlias such as an instance id). */
  name: string;
  keyType: string;
  fingerprint: string;
}

export class HostKeyStore {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  static inDirectory(configDir: string): HostKeyStore {
    return new HostKeyStore(join(configDir, 'ssh_known_hosts'));
  }

  async entries(): Promise<KnownHostEntry[]> {
    return parseKnownHosts(await this.text());
  }

  async list(): Promise<TrustedHostKey[]> {
    return (await this.entries()).map((e) => ({ name: e.patterns, keyType: e.keyType, fingerprint: fingerprintOf(e.key) }));
  }

  /** Files `key` under `name`, replacing any key of the same type filed there before. */
  async trust(name: string, key: Buffer, comment?: string): Promise<void> {
    if (!/^[^\s,#|!*?]+$/.test(name)) throw new Error(`'${name}' cannot be a known_hosts name`);
    await this.edit((lines) => {
      const type = parseKnownHosts(formatKnownHost(name, key))[0]?.keyType;
      const kept = lines.filter((l) => {
        const e = parseKnownHosts(l)[0];
        return !(e && e.patterns === name && e.keyType === type);
      });
      return [...kept, formatKnownHost(name, key, comment)];
    });
  }

  /** Removes every key filed under `name`; returns how many went. */
  async forget(name: string): Promise<number> {
    let removed = 0;
    await this.edit((lines) =>
      lines.filter((l) => {
        const e = parseKnownHosts(l)[0];
        const drop = Boolean(e && entryNames(e, name));
        if (drop) removed += 1;
        return !drop;
      }),
    );
    return removed;
  }

  private async text(): Promise<string> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw e;
    }
  }

  /** Read-modify-write, one at a time, so two accepted prompts cannot lose each other's key. */
  private edit(change: (lines: string[]) => string[]): Promise<void> {
    const run = this.writing.catch(() => {}).then(async () => {
      const lines = (await this.text()).split('\n').filter((l) => l.trim() !== '');
      const next = change(lines);
      await writeFileAtomic(this.file, next.length ? `${next.join('\n')}\n` : '', { mode: 0o600, forceMode: true });
    });
    this.writing = run.catch(() => {});
    return run;
  }
}
