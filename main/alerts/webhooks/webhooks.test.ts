import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webhookPayload } from './webhookPayload';
import { WebhookSender } from './webhookSender';
import { checkWebhookUrl, WebhookStore } from './webhookStore';

const facts = {
  user: 'alice',
  at: Date.UTC(2026, 0, 5, 9),
  environment: 'production' as const,
  host: { instanceId: 'i-0a11111111111111a', name: 'prod-web-<1>' },
  account: { id: '111111111111', name: 'acme-prod' },
  role: 'ProductionOperator',
  region: 'ap-northeast-1',
  reason: 'INC-42 restart',
};

describe('webhook payloads', () => {
  it('Slack: text and blocks with who, where, role and reason, markup escaped', () => {
    const p = webhookPayload('slack', facts) as { text: string; blocks: unknown[] };
    expect(p.text).toContain('alice started a session on prod-web-&lt;1&gt; (i-0a11111111111111a) in acme-prod (111111111111) as ProductionOperator (production)');
    expect(p.text).toContain('reason: INC-42 restart');
    expect(JSON.stringify(p.blocks)).toContain('*Role*\\nProductionOperator');
  });

  it('generic JSON: the facts as fields', () => {
    expect(webhookPayload('json', facts)).toEqual({
      event: 'session-started',
      source: 'fumidai',
      user: 'alice',
      at: '2026-01-05T09:00:00.000Z',
      environment: 'production',
      host: facts.host,
      account: facts.account,
      role: 'ProductionOperator',
      region: 'ap-northeast-1',
      reason: 'INC-42 restart',
      awsSessionId: null,
    });
  });
});

describe('WebhookSender', () => {
  it('retries with backoff and reports a final failure without throwing', async () => {
    const fetch = vi.fn(async () => new Response('busy', { status: 503 }));
    const failures: string[] = [];
    const sender = new WebhookSender({ fetch: fetch as never, attempts: 3, baseDelayMs: 5, onFailure: (m) => failures.push(m) });
    const started = Date.now();
    sender.send('https://hooks.example.com/T/B/secret', { text: 'x' }, 'production');
    expect(fetch).toHaveBeenCalledTimes(1); // the first attempt starts at once; send() did not wait
    await sender.idle();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15); // 5 + 10 ms of backoff
    expect(failures).toEqual(['Team notification for production not delivered: the receiver answered HTTP 503. Check the webhook in Settings.']);
    expect(failures[0]).not.toContain('secret');
  });

  it('stops at a permanent refusal and succeeds quietly when the receiver recovers', async () => {
    const gone = vi.fn(async () => new Response('', { status: 404 }));
    const failures: string[] = [];
    const sender = new WebhookSender({ fetch: gone as never, attempts: 4, baseDelayMs: 1, onFailure: (m) => failures.push(m) });
    sender.send('https://hooks.example.com/x', {}, 'staging');
    await sender.idle();
    expect(gone).toHaveBeenCalledTimes(1);
    expect(failures).toHaveLength(1);
    let n = 0;
    const flaky = vi.fn(async () => (++n < 2 ? Promise.reject(new Error('ECONNRESET')) : new Response('ok')));
    const ok = new WebhookSender({ fetch: flaky as never, baseDelayMs: 1, onFailure: (m) => failures.push(m) });
    ok.send('https://hooks.example.com/x', {}, 'staging');
    await ok.idle();
    expect(flaky).toHaveBeenCalledTimes(2);
    expect(failures).toHaveLength(1);
  });
});

/** A stand-in keychain: reversible, and visibly not the clear text. */
function fakeSealer(available = true) {
  return {
    available: async () => available,
    seal: async (plain: string) => Buffer.from(`sealed:${plain}`).toString('base64').split('').reverse().join(''),
    open: async (sealed: string) => Buffer.from(sealed.split('').reverse().join(''), 'base64').toString().replace(/^sealed:/, ''),
  };
}

describe('WebhookStore', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('keeps URLs in an owner-only file and shows only the host', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fumidai-hooks-'));
    const store = WebhookStore.inDirectory(dir);
    expect(await store.set('production', 'https://hooks.slack.com/services/T0/B0/abc', 'slack')).toEqual([{ environment: 'production', format: 'slack', host: 'hooks.slack.com', storage: 'file' }]);
    const file = join(dir, 'webhooks.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('/services/T0/B0/abc');
    expect((await WebhookStore.inDirectory(dir).get('production'))?.url).toBe('https://hooks.slack.com/services/T0/B0/abc');
    expect(await store.set('production', undefined, 'slack')).toEqual([]);
  });

  it('seals URLs with the OS keychain where there is one: the file holds only the host', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fumidai-hooks-'));
    const sealer = fakeSealer();
    const store = WebhookStore.inDirectory(dir, () => {}, sealer);
    expect(await store.set('production', 'https://hooks.slack.com/services/T0/B0/abc', 'slack')).toEqual([{ environment: 'production', format: 'slack', host: 'hooks.slack.com', storage: 'keychain' }]);
    const text = readFileSync(join(dir, 'webhooks.json'), 'utf8');
    expect(text).not.toContain('/services/T0/B0/abc');
    expect(JSON.parse(text)).toMatchObject({ version: 2, hooks: { production: { host: 'hooks.slack.com', format: 'slack' } } });
    expect(await WebhookStore.inDirectory(dir, () => {}, sealer).get('production')).toEqual({ url: 'https://hooks.slack.com/services/T0/B0/abc', format: 'slack' });
  });

  it('seals the clear URLs of an older file on load, and keeps them in the file where no keychain works', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fumidai-hooks-'));
    const file = join(dir, 'webhooks.json');
    writeFileSync(file, JSON.stringify({ version: 1, hooks: { staging: { url: 'https://hooks.example.com/stg', format: 'json' } } }), { mode: 0o600 });
    const noKeyring = fakeSealer(false);
    expect(await WebhookStore.inDirectory(dir, () => {}, noKeyring).list()).toEqual([{ environment: 'staging', format: 'json', host: 'hooks.example.com', storage: 'file' }]);
    expect(readFileSync(file, 'utf8')).toContain('https://hooks.example.com/stg');
    const logs: string[] = [];
    const store = WebhookStore.inDirectory(dir, (m) => logs.push(m), fakeSealer());
    expect((await store.list())[0]?.storage).toBe('keychain');
    expect(readFileSync(file, 'utf8')).not.toContain('hooks.example.com/stg');
    expect(logs).toContain('team webhooks for staging are now sealed by the OS keychain');
    expect((await store.get('staging'))?.url).toBe('https://hooks.example.com/stg');
  });

  it('does not send a sealed hook it cannot open, and says why (CLI, a reset keyring)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fumidai-hooks-'));
    await WebhookStore.inDirectory(dir, () => {}, fakeSealer()).set('production', 'https://hooks.slack.com/services/T0/B0/abc', 'slack');
    const logs: string[] = [];
    expect(await WebhookStore.inDirectory(dir, (m) => logs.push(m)).get('production')).toBeUndefined();
    expect(logs[0]).toMatch(/sealed by the OS keychain, which this copy of Fumidai cannot use/);
    const broken = { ...fakeSealer(), open: () => Promise.reject(new Error('keyring reset')) };
    expect(await WebhookStore.inDirectory(dir, (m) => logs.push(m), broken).get('production')).toBeUndefined();
    expect(logs[1]).toBe('team webhook for production could not be unsealed (keyring reset); set it again in Settings');
    // Still listed, so the user sees it and can set it again.
    expect(await WebhookStore.inDirectory(dir).list()).toEqual([{ environment: 'production', format: 'slack', host: 'hooks.slack.com', storage: 'keychain' }]);
  });

  it('refuses URLs it should not post to, saying what to do', () => {
    expect(() => checkWebhookUrl('hooks.slack.com/x')).toThrow(/starting with https:\/\//);
    expect(() => checkWebhookUrl('http://hooks.example.com/x')).toThrow(/must use https/);
    expect(() => checkWebhookUrl('https://u:p@hooks.example.com/x')).toThrow(/user name or password/);
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook')).toBe('http://127.0.0.1:8080/hook');
  });
});
