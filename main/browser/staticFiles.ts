// Serves the built renderer (out/renderer) and nothing else: a request path is resolved inside the
// renderer directory or refused, whatever `..`, encodings, backslashes or symlinks it tries.
import { realpath, readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Maps a URL pathname to a path inside `root`, or undefined if it would leave it. Pure string
 * work; `loadStaticFile` adds the symlink check.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined; // malformed %-escapes
  }
  // NUL bytes and backslashes have no business in our asset names; refusing them is simpler than
  // reasoning about how each OS treats them.
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = resolve(root, rel);
  const back = relative(root, full);
  if (back === '' || back.startsWith('..') || isAbsolute(back) || back.split(sep).includes('..')) return undefined;
  return full;
}

export async function loadStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  const candidate = resolveInside(root, urlPath);
  if (!candidate) return undefined;
  try {
    // A symlink inside the build output must not lead outside it either.
    const [realRoot, real] = await Promise.all([realpath(root), realpath(candidate)]);
    const back = relative(realRoot, real);
    if (back === '' || back.startsWith('..') || isAbsolute(back)) return undefined;
    if (!(await stat(real)).isFile()) return undefined;
    const type = CONTENT_TYPES[extname(real).toLowerCase()];
    // Unknown file types are not served: we know exactly what the build produces.
    if (!type) return undefined;
    return { body: await readFile(real), contentType: type };
  } catch {
    return undefined;
  }
}
