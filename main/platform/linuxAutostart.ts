// Launch at login on Linux: Electron's setLoginItemSettings covers macOS and Windows only, so we
// follow the XDG Autostart spec and write (or remove) a .desktop entry in $XDG_CONFIG_HOME/autostart.
import { readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicFile';

export const AUTOSTART_FILE = 'fumidai.desktop';

/** $XDG_CONFIG_HOME/autostart, falling back to ~/.config/autostart as the spec says. */
export function autostartDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const base = env['XDG_CONFIG_HOME'];
  return join(base && base.startsWith('/') ? base : join(home, '.config'), 'autostart');
}

/** Quotes an Exec argument per the Desktop Entry spec (an AppImage path may hold spaces). */
function quoteExec(arg: string): string {
  if (/^[A-Za-z0-9_./+-]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

/** A Desktop Entry string value: backslash escapes per the spec (a path is taken literally). */
function entryString(value: string): string {
  return value.replace(/[\\\n\t\r]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c]!);
}

export function autostartEntry(execPath: string, args: readonly string[] = []): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Fumidai',
    // The spec applies the string escapes before the Exec quoting, so a quoting backslash is
    // written doubled; GLib (checked with `gio launch` in linuxLoginItem.test.ts) runs it as meant.
    `Exec=${entryString([execPath, ...args].map(quoteExec).join(' '))}`,
    // An uninstalled deb or a deleted AppImage: the session skips the entry instead of failing at every login.
    `TryExec=${entryString(execPath)}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=false',
    'Terminal=false',
    '',
  ].join('\n');
}

/** Writes the entry when enabled, removes it when not; removing a missing entry is not an error. */
export async function setLinuxAutostart(enabled: boolean, execPath: string, dir = autostartDir(), args: readonly string[] = []): Promise<void> {
  const file = join(dir, AUTOSTART_FILE);
  if (enabled) await writeFileAtomic(file, autostartEntry(execPath, args), { mode: 0o644 });
  else await rm(file, { force: true });
}

/**
 * Whether the entry in `dir` will start Fumidai at the next login. Desktop settings tools switch an
 * entry off without deleting it (GNOME writes X-GNOME-Autostart-enabled=false, the spec's Hidden=true
 * means "treat as deleted"), so a present file is not enough. A missing file or folder is "off".
 */
export async function readLinuxAutostart(dir = autostartDir()): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(join(dir, AUTOSTART_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw e;
  }
  const keys = desktopEntryKeys(text);
  return keys.get('Hidden') !== 'true' && keys.get('X-GNOME-Autostart-enabled') !== 'false';
}

/** The keys of the [Desktop Entry] group (other groups, such as actions, are not ours to read). */
function desktopEntryKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  let inEntry = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inEntry = line === '[Desktop Entry]';
      continue;
    }
    const eq = line.indexOf('=');
    if (!inEntry || line.startsWith('#') || eq < 1) continue;
    keys.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return keys;
}
