// What `electron-vite build` produced is what Electron can load under our rules: a sandboxed
// preload must be one CommonJS file that requires nothing but `electron`; the main bundle is the
// package's entry; the renderer has no inline script (the CSP allows scripts from 'self' only) and
// nothing remote. Needs the build (`npm run build`; `npm test` builds first) — without it this
// file prints one line saying so.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const out = (p: string) => join(root, 'out', p);
const missing = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'].filter((p) => !existsSync(out(p)));

if (missing.length > 0) {
  describe('built bundles', () => {
    it('are not checked on this machine', () => {
      console.log(`Built-bundle checks not run: ${missing.map((p) => `out/${p}`).join(', ')} missing; run npm run build first.`);
    });
  });
} else {
  describe('built bundles', () => {
    it('preload is a self-contained CommonJS file that requires only electron', () => {
      const preload = readFileSync(out('preload/index.cjs'), 'utf8');
      const required = [...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(preload).not.toMatch(/^\s*(import|export)\s/m); // no ES module syntax
      expect(preload).toContain('exposeInMainWorld("fumidai"');
    });

    it('main is the package entry and an ES module', () => {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; type: string };
      expect(pkg.main).toBe('out/main/index.js');
      expect(pkg.type).toBe('module');
      expect(readFileSync(out('main/index.js'), 'utf8')).toMatch(/from\s*["']electron["']/);
    });

    it('renderer has no inline or remote scripts, so the CSP script-src \'self\' can hold', () => {
      const html = readFileSync(out('renderer/index.html'), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(body!.trim(), 'inline script').toBe('');
        const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attrs!)?.[1];
        expect(src, 'script without src').toBeDefined();
        expect(src).not.toMatch(/^(https?:)?\/\//i);
      }
      expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers either
    });
  });
}
