import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from './composition';
import { createClient } from '../common/api/client';
import { DOMAINS } from '../common/api';
import { connectInMemory } from '../test/helpers/memoryTransport';
import type { SessionSource, TokenStore } from './auth/ports';
import { writeFileSync } from 'node:fs';
import { generateKeyPairSync } from '../test/helpers/sshKeyPair';
import type { KeysSnapshot } from '../common/api/keys';

const dirs: string[] = [];
const cores: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fumidai-core-'));
  dirs.push(dir);
  const openExternal = vi.fn(async () => {});
  const sessions: SessionSource = {
    list: async () => ({ sessions: [{ name: 'acme', startUrl: 'https://d-1.awsapps.com/start', region: 'us-east-1', scopes: [], source: 'sso-session' }], problems: [] }),
    add: async () => {
      throw new Error('not used');
    },
  };
  const tokens: TokenStore = {
    read: async () => undefined,
    write: async () => {},
    remove: async () => {},
    readRegistration: async () => undefined,
    writeRegistration: async () => {},
  };
  const core = await createCore({ configDir: dir, version: '1.2.3', host: { kind: 'browser', openExternal, osLocale: () => 'ja-JP' }, aws: { sessions, tokens } });
  cores.push(core);
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

  it('says launch at login is not available in browser mode, and why', async () => {
    const { client } = await setup();
    expect(await client.desktop.getLaunchAtLogin()).toEqual({ ok: true, value: { supported: false, enabled: false, reason: 'browser-mode' } });
    expect(await client.desktop.setLaunchAtLogin({ enabled: true })).toMatchObject({ ok: false, code: 'NotSupported', message: expect.stringContaining('browser mode') });
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

  it('lists SSO sessions and refuses to list accounts before sign-in', async () => {
    const { client } = await setup();
    expect(await client.auth.listSessions()).toMatchObject({ ok: true, value: { sessions: [{ id: 'acme', state: 'signed-out' }] } });
    const accounts = await client.accounts.list({ sessionId: 'acme' });
    expect(accounts).toMatchObject({ ok: true, value: { sessionId: 'acme', accounts: [] } });
    expect(await client.auth.signIn({ sessionId: 'nope' })).toMatchObject({ ok: false, code: 'NotFound' });
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

  it('lists recordings, refuses names outside the recordings directory, and keeps the open tabs', async () => {
    const { client, core } = await setup();
    expect(await client.history.list()).toEqual({ ok: true, value: [] });
    for (const name of ['../settings.json', '..%2Fsettings.json', '/etc/passwd', '20261122T090507Z_i-0abc_x.cast/../../a']) {
      expect(await client.history.read({ name })).toMatchObject({ ok: false, code: 'InvalidRequest' });
    }
    expect(await client.history.read({ name: '20261122T090507Z_i-0abc_alice-1.cast' })).toMatchObject({ ok: false, code: 'NotFound' });
    const tab = { ssoSessionId: 'acme', instanceId: 'i-0abc1234567890def', accountId: '111111111111', region: 'us-east-1', roleName: 'Admin', name: 'web-1' };
    expect(await client.sessions.saveTabs({ tabs: [tab] })).toEqual({ ok: true, value: { ok: true } });
    expect(await client.sessions.savedTabs()).toEqual({ ok: true, value: [tab] });
    expect(await core.openTabs.get()).toEqual([tab]);
    expect(await client.forwards.list()).toEqual({ ok: true, value: [] });
    expect(await client.forwards.stop({ forwardId: 'f9' })).toMatchObject({ ok: false, code: 'NotFound' });
  });

  it('serves the key vault as metadata only, forgets on request, and wipes a session’s keys at its sign-out', async () => {
    const { core, client } = await setup();
    const dir = dirs[0]!;
    const pair = generateKeyPairSync('ed25519');
    writeFileSync(join(dir, 'id_test'), pair.private, { mode: 0o600 });
    const seen: KeysSnapshot[] = [];
    client.keys.onDidChange((s) => seen.push(s));
    const request = { ssoSessionId: 'acme', accountId: '111111111111', roleName: 'Ops', region: 'us-east-1', instanceId: 'i-0123456789abcdef0', environment: 'production' as const, hop: 'target' as const, osUser: 'ec2-user', connectionId: 'c' };
    const first = await core.keys.acquire({ ...request, source: { kind: 'file', path: join(dir, 'id_test') } });
    const listed = await client.keys.list();
    expect(listed).toMatchObject({ ok: true, value: { keys: [{ id: first.info.id, source: 'file', fingerprint: first.info.fingerprint }] } });
    expect(JSON.stringify(listed)).not.toContain(pair.private.split('\n')[2]!);
    expect(await client.keys.forget({ id: first.info.id })).toEqual({ ok: true, value: { forgotten: true } });
    expect(first.usable).toBe(false);

    const second = await core.keys.acquire({ ...request, source: { kind: 'file', path: join(dir, 'id_test') } });
    await core.auth.signOut('acme');
    expect(second.usable).toBe(false);
    expect(core.keys.list().keys).toEqual([]);
    await vi.waitFor(() => expect(seen.at(-1)?.keys).toEqual([]));
  });
});
