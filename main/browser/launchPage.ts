// Opens the browser-mode URL without putting its key on a command line: the URL goes into a private
// HTML file (0600 in a 0700 directory) that redirects to it, and only that file's path is handed to
// the OS opener. Command lines are readable by every local user (ps, /proc); files we own are not.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openerFor } from '../platform/openInBrowser';

export interface LaunchPage {
  /** The private redirect file handed to the opener. */
  readonly file: string;
  /** Removes the file (the browser reads it within moments of opening). */
  dispose(): Promise<void>;
}

export async function openLaunchPage(url: string, openFile: (fileUrl: string) => Promise<void> = (f) => spawnOpener(f)): Promise<LaunchPage> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') throw new Error('the launch page only redirects to the local http host');
  const dir = await mkdtemp(join(tmpdir(), 'fumidai-launch-'));
  const file = join(dir, 'open-fumidai.html');
  const target = escapeAttribute(parsed.href);
  await writeFile(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0; url=${target}"><title>Opening Fumidai…</title><a href="${target}">Open Fumidai</a>\n`,
    { mode: 0o600 },
  );
  try {
    await openFile(pathToFileURL(file).href);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  let timer: NodeJS.Timeout | undefined = setTimeout(() => void dispose(), 60_000);
  timer.unref();
  async function dispose() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await rm(dir, { recursive: true, force: true });
  }
  return { file, dispose };
}

/** The OS opener (xdg-open / open / rundll32) with the file URL as its single argument. */
function spawnOpener(fileUrl: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const { command, args } = openerFor(platform);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args(fileUrl), { stdio: 'ignore', detached: true });
    child.once('error', (e) => reject(new Error(`could not start ${command}: ${e.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
