// Files Fumidai shares with the user or other tools (settings, ~/.aws/config, the SSO token cache)
// are replaced atomically: write a sibling temp file, fsync it, rename it over the target. A crash
// or a full disk leaves either the old file or the new one, never half of each.
import { open, rename, rm, mkdir, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /** File mode for a new file; an existing file keeps its mode unless `forceMode` is set. */
  mode?: number;
  forceMode?: boolean;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let mode = options.mode ?? 0o600;
  if (!options.forceMode) {
    try {
      mode = (await stat(path)).mode & 0o777;
    } catch {
      // new file: use the requested mode
    }
  }
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode); // umask must not widen or narrow what we asked for
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
