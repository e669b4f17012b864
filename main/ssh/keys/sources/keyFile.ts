// The user's own private key file, read when a connection needs it (never cached on disk or
// copied elsewhere). An encrypted key asks for its passphrase through the caller's prompt, up to
// three times; the file's bytes are zero-filled as soon as the key is decoded.
import { readFile as fsReadFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { FumidaiError } from '../../../../common/api/errors';
import { HeldKey, KeyDecodeError } from '../heldKey';
import type { KeyInteraction } from '../keyVault';

export const PASSPHRASE_ATTEMPTS = 3;

export interface KeyFileOptions {
  readFile?: (path: string) => Promise<Buffer>;
  home?: string;
}

/** `~/x` and `~` are the home directory; anything else must be absolute. */
export function expandKeyPath(path: string, home = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  if (!isAbsolute(path)) throw new FumidaiError('InvalidConfig', `The key file ${path} is not an absolute path. Use a full path or one starting with ~/ in Settings › SSH keys.`);
  return path;
}

export async function loadKeyFile(path: string, interaction: KeyInteraction | undefined, options: KeyFileOptions = {}): Promise<HeldKey> {
  const full = expandKeyPath(path, options.home);
  let bytes: Buffer;
  try {
    bytes = await (options.readFile ?? fsReadFile)(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FumidaiError('NotFound', `The key file ${path} does not exist. Fix the path in Settings › SSH keys.`);
    if (code === 'EACCES' || code === 'EPERM') throw new FumidaiError('InvalidConfig', `Fumidai may not read the key file ${path}. Check its permissions.`);
    if (code === 'EISDIR') throw new FumidaiError('InvalidConfig', `${path} is a folder, not a key file. Name the private key file in Settings › SSH keys.`);
    throw new FumidaiError('InvalidConfig', `Could not read the key file ${path} (${(e as Error).message}).`);
  }
  try {
    let passphrase: string | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return HeldKey.decode(bytes, passphrase);
      } catch (e) {
        if (!(e instanceof KeyDecodeError)) throw e;
        if (!e.encrypted) throw new FumidaiError('InvalidConfig', `The key file ${path} cannot be used: ${e.message}.`);
        if (!interaction?.askPassphrase) throw new FumidaiError('InvalidConfig', `The key file ${path} is protected by a passphrase, and there is no prompt to ask for it here. Add the key to your SSH agent (ssh-add) and use the agent instead.`);
        if (attempt >= PASSPHRASE_ATTEMPTS) throw new FumidaiError('AccessDenied', `The passphrase for ${path} was not right (${PASSPHRASE_ATTEMPTS} attempts). Connect again to retry.`);
        if (interaction.signal?.aborted) throw new FumidaiError('Cancelled', 'The connection was cancelled.');
        passphrase = await interaction.askPassphrase({ label: path, attempt: attempt + 1 });
        if (passphrase === undefined) throw new FumidaiError('Cancelled', `No passphrase was given for ${path}; the connection was not opened.`);
      }
    }
  } finally {
    bytes.fill(0);
  }
}
