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
  /** Removes the file (the browser reads it within moments of opening). */
  dispose(): Promise<void>;
}

export async function openLaunchPage(url: string, platform: NodeJS.Platform = process.platform): Promise<LaunchPage> {
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
  const { command, args } = openerFor(platform);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args(pathToFileURL(file).href), { stdio: 'ignore', detached: true });
    child.once('error', (e) => reject(new Error(`could not start ${command}: ${e.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
  let timer: NodeJS.Timeout | undefined = setTimeout(() => void dispose(), 60_000);
  timer.unref();
  async function dispose() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await rm(dir, { recursive: true, force: true });
  }
  return { dispose };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
