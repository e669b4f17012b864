// Launch at login on Linux: an XDG autostart entry (main/platform/linuxAutostart.ts) that starts
// the given executable. A refusal from the file system becomes a message that names the file and
// what to check, since the usual causes (a folder owned by root after a `sudo` session, a
// read-only home) are the user's to fix.
import { join } from 'node:path';
import { FumidaiError } from '../../common/api/errors';
import { AUTOSTART_FILE, autostartDir, readLinuxAutostart, setLinuxAutostart } from '../platform/linuxAutostart';
import type { LoginItemPort } from './loginItemPort';

export interface LinuxLoginItemOptions {
  /** What the entry runs: the AppImage file itself, or the installed binary. */
  executable: string;
  args: readonly string[];
  /** $XDG_CONFIG_HOME/autostart unless given. */
  dir?: string;
}

export function linuxLoginItem(options: LinuxLoginItemOptions): LoginItemPort {
  const dir = options.dir ?? autostartDir();
  const file = join(dir, AUTOSTART_FILE);
  return {
    supported: true,
    place: file,
    get: async () => {
      try {
        return { enabled: await readLinuxAutostart(dir) };
      } catch (e) {
        throw autostartFileProblem(e, `read ${file}`, dir);
      }
    },
    set: async (enabled) => {
      try {
        await setLinuxAutostart(enabled, options.executable, dir, options.args);
      } catch (e) {
        throw autostartFileProblem(e, enabled ? `write ${file}` : `remove ${file}`, dir);
      }
    },
  };
}

/** A file-system refusal as a message that names the file and what to check. */
export function autostartFileProblem(e: unknown, what: string, dir: string): FumidaiError {
  const err = e as NodeJS.ErrnoException;
  const where = err.path ?? dir;
  const because: Record<string, string> = {
    EACCES: `permission denied on ${where}. Check that the folder belongs to you (ls -ld ${dir}); a folder created by a sudo command belongs to root`,
    EPERM: `the system does not allow changing ${where}. Check its owner and attributes (ls -ld ${dir})`,
    EROFS: `${where} is on a read-only file system`,
    ENOTDIR: `a part of ${dir} is a file, not a folder. Move that file away, or point XDG_CONFIG_HOME elsewhere`,
    EEXIST: `a part of ${dir} is a file, not a folder. Move that file away, or point XDG_CONFIG_HOME elsewhere`,
    ENOSPC: 'the disk is full',
    EDQUOT: 'your disk quota is used up',
  };
  const reason = (err.code && because[err.code]) ?? err.message;
  return new FumidaiError(err.code && err.code in because ? 'InvalidConfig' : 'Internal', `Fumidai could not ${what}: ${reason}.`, { path: where });
}
