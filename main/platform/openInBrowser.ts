// Opens a URL in the user's default browser without Electron (CLI, browser mode). The URL is
// passed as one argument to the OS opener — never through a shell — so it cannot inject commands.
import { spawn } from 'node:child_process';

export function openerFor(platform: NodeJS.Platform): { command: string; args: (url: string) => string[] } {
  if (platform === 'darwin') return { command: 'open', args: (u) => [u] };
  // rundll32 takes the URL as a single argument, unlike `cmd /c start`, which re-parses it.
  if (platform === 'win32') return { command: 'rundll32', args: (u) => ['url.dll,FileProtocolHandler', u] };
  return { command: 'xdg-open', args: (u) => [u] };
}

export async function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const parsed = new URL(url); // rejects anything that is not a URL
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`refusing to open a ${parsed.protocol} URL`);
  const { command, args } = openerFor(platform);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args(parsed.href), { stdio: 'ignore', detached: true });
    child.once('error', (e) => reject(new Error(`could not start ${command}: ${e.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
