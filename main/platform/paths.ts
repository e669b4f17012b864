// Where Fumidai keeps its own files. Matches Electron's default `userData` for productName
// "Fumidai", so the desktop app, the CLI and browser mode share one configuration.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.FUMIDAI_CONFIG_DIR) return env.FUMIDAI_CONFIG_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Fumidai');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Fumidai');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Fumidai');
}
