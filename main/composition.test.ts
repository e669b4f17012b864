import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from './composition';
import { createClient } from '../common/api/client';
import { DOMAINS } from '../common/api';
import { connectInMemory } from '../test/helpers/memoryTransport';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fumidai-core-'));
  dirs.push(dir);
  const openExternal = vi.fn(async () => {});
  const core = await createCore({ configDir: dir, version: '1.2.3', host: { kind: 'browser', openExternal, osLocale: () => 'ja-JP' } });
  const client = createClient(DOMAINS, connectInMemory(core.dispatcher));
  return { core, client, openExternal };
}

describe('createCore', () => {
  it('implements every invoke member of every domain', async () => {
    const { core } = await setup();
    for (const domain of DOMAINS) {
      for (const [name, member] of Object.entries(domain.members)) {
        if (member.kind !== 'event') expect(core.dispatcher.invokeChannels).toContain(`${domain.name}:${name}`);
      }
    }
  });

  it('answers app.getInfo', async () => {
    const { client } = await setup();
    expect(await client.app.getInfo()).toEqual({
      ok: true,
      value: { name: 'Fumidai', version: '1.2.3', platform: expect.any(String), host: 'browser', osLocale: 'ja-JP' },
    });
  });

  it('opens allowed links and refuses others with a reason', async () => {
    const { client, openExternal } = await setup();
    expect(await client.app.openExternal({ url: 'https://d-123.awsapps.com/start' })).toEqual({ ok: true, value: { opened: true } });
    const denied = await client.app.openExternal({ url: 'https://evil.example/' });
    expect(denied).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('updates settings, rejects invalid patches, and broadcasts changes', async () => {
    const { client } = await setup();
    const changes: string[] = [];
    client.settings.onDidChange((s) => changes.push(s.theme));
    expect(await client.settings.update({ theme: 'dark' })).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(await client.settings.update({ theme: 'neon' } as never)).toMatchObject({ ok: false, code: 'InvalidRequest' });
    expect(await client.settings.update({ unknown: 1 } as never)).toMatchObject({ ok: false, code: 'InvalidRequest' });
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toEqual(['dark']);
    expect(await client.settings.get()).toMatchObject({ ok: true, value: { theme: 'dark' } });
  });
});
