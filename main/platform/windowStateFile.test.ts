import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWindowState, saveWindowState } from './windowStateFile';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'fumidai-winstate-'));
  dirs.push(d);
  return d;
};

describe('window state file', () => {
  it('round-trips a state', async () => {
    const path = join(tmp(), 'window-state.json');
    await saveWindowState(path, { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    expect(await loadWindowState(path)).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
  });

  it('treats a missing, unparsable or implausible file as no saved state', async () => {
    const dir = tmp();
    expect(await loadWindowState(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{"bounds": ');
    expect(await loadWindowState(join(dir, 'bad.json'))).toBeUndefined();
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify({ bounds: { x: 0, y: 0, width: 5, height: 5 } }));
    expect(await loadWindowState(join(dir, 'tiny.json'))).toBeUndefined();
  });
});
