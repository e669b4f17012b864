// The main window's last place, kept in Fumidai's config directory. A missing or damaged file
// only means "open at the default place" — never an error at start.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomicFile';
import { parseWindowState, type WindowState } from './windowState';

export async function loadWindowState(path: string): Promise<WindowState | undefined> {
  try {
    return parseWindowState(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return undefined;
  }
}

export async function saveWindowState(path: string, state: WindowState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state)}\n`, { mode: 0o600 });
}
