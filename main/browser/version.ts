// The app version for browser mode. Bundles get it compiled in (__FUMIDAI_VERSION__, see
// electron.vite.config.ts); when run from sources (`npm run web` uses tsx) it is read from the
// project's package.json so the UI does not show a placeholder.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __FUMIDAI_VERSION__: string | undefined;

export function appVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  if (typeof __FUMIDAI_VERSION__ === 'string') return __FUMIDAI_VERSION__;
  for (let dir = from, i = 0; i < 4; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'fumidai' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; look one level up
    }
  }
  return '0.0.0-dev';
}
