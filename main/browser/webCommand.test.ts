import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { runWeb, findRendererDir } from './webCommand';
import type { CliIo } from '../cli/command';

function io(interrupted: Promise<void>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { HOME: '/nonexistent' }, interrupted };
  return { value, out, err };
}

describe('fumidai web', () => {
  it('prints the keyed URL, opens it, serves until interrupted, then closes cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-web-'));
    try {
      mkdirSync(join(dir, 'ui'));
      writeFileSync(join(dir, 'ui', 'index.html'), '<!doctype html><title>Fumidai</title>');
      let stop!: () => void;
      const t = io(new Promise<void>((r) => (stop = r)));
      const opened: string[] = [];
      const done = runWeb(['--renderer-dir', join(dir, 'ui'), '--config-dir', join(dir, 'config')], t.value, async (url) => {
        opened.push(url);
      });
      while (opened.length === 0) await new Promise((r) => setTimeout(r, 10));
      const url = new URL(opened[0]!);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.searchParams.get('key')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(t.out.join('')).toContain(opened[0]);
      const status = await new Promise<number>((resolve, reject) =>
        request(url, { agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
          .on('error', reject)
          .end(),
      );
      expect(status).toBe(200);
      stop();
      expect(await done).toBe(0);
      // The port is released.
      await expect(new Promise((resolve, reject) => request(url, { agent: false }, resolve).on('error', reject).end())).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains bad options and a missing build', async () => {
    const t = io(Promise.resolve());
    expect(await runWeb(['--port', 'abc'], t.value)).toBe(2);
    expect(t.err.join('')).toMatch(/--port must be a number/);
    const u = io(Promise.resolve());
    expect(await runWeb(['--renderer-dir', '/nonexistent/ui', '--no-open'], u.value)).toBe(1);
    expect(u.err.join('')).toMatch(/npm run build/);
    expect(findRendererDir('/nonexistent/a/b')).toBeUndefined();
  });
});
