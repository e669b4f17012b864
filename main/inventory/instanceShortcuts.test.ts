import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostRef, InstanceShortcuts } from '../../common/api/inventory';
import { InstanceShortcutsStore, MAX_RECENTS } from './instanceShortcuts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'fumidai-shortcuts-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const host = (n: number, over: Partial<HostRef> = {}): HostRef => ({
  instanceId: `i-${n.toString(16).padStart(8, '0')}`,
  accountId: '111111111111',
  region: 'ap-northeast-1',
  name: `web-${n}`,
  ...over,
});

describe('InstanceShortcutsStore', () => {
  it('keeps favourites across restarts in a 0600 file and tells listeners', async () => {
    const dir = tempDir();
    const store = InstanceShortcutsStore.inDirectory(dir);
    const seen: InstanceShortcuts[] = [];
    store.onDidChange((v) => seen.push(v));
    await store.setFavorite(host(1, { roleName: 'Ops', environment: 'production' }), true);
    await store.setFavorite(host(2), true);
    await store.setFavorite(host(1), false);
    expect(seen.map((v) => v.favorites.map((f) => f.name))).toEqual([['web-1'], ['web-1', 'web-2'], ['web-2']]);
    const file = join(dir, 'instance-shortcuts.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await InstanceShortcutsStore.inDirectory(dir).get();
    expect(again.favorites).toEqual([host(2)]);
  });

  it('puts a used host at the top of the recents once, and keeps only the newest', async () => {
    const store = InstanceShortcutsStore.inMemory();
    for (let n = 0; n < MAX_RECENTS + 5; n++) await store.noteUsed(host(n), 1000 + n);
    await store.noteUsed(host(20, { name: 'renamed' }), 5000);
    const { recents } = await store.get();
    expect(recents).toHaveLength(MAX_RECENTS);
    expect(recents[0]).toMatchObject({ name: 'renamed', usedAt: 5000 });
    expect(recents.filter((r) => r.instanceId === host(20).instanceId)).toHaveLength(1);
    expect(recents.at(-1)!.name).toBe('web-5'); // 25 used, 20 kept, web-20 moved up
  });

  it('refreshes a favourite with the name and role last used', async () => {
    const store = InstanceShortcutsStore.inMemory();
    await store.setFavorite(host(1, { roleName: 'ReadOnly' }), true);
    await store.noteUsed({ ...host(1, { roleName: 'Ops', name: 'web-1b' }), ...{ state: 'running' } } as HostRef, 10);
    expect((await store.get()).favorites).toEqual([host(1, { roleName: 'Ops', name: 'web-1b' })]);
  });

  it('sets a file it cannot read aside instead of overwriting it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'instance-shortcuts.json'), '{"version":1,"favorites":"nope"}');
    const log: string[] = [];
    const store = InstanceShortcutsStore.inDirectory(dir, (m) => log.push(m));
    expect(await store.get()).toEqual({ favorites: [], recents: [] });
    expect(log[0]).toMatch(/could not be read .* moved to /);
    const aside = readdirSync(dir).find((f) => f.startsWith('instance-shortcuts.json.invalid-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toContain('nope');
  });
});
