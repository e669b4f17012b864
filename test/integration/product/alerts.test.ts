// Alerts against the emulator, through the composed core: a session started from another device
// (an AWS SDK client without this installation's id, as the AWS CLI would) raises "Was this you?"
// while the app's own session does not; a production session posts the team webhook to a local
// receiver with who, when, which host, which role and the reason; a failing receiver is retried
// and the shell does not wait for it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SSMClient, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { startEmulator, type Emulator } from '../../../emulator';
import { createCore, type Core } from '../../../main/composition';
import { createAwsFiles } from '../../../main/aws/defaults';
import { createClient } from '../../../common/api/client';
import { DOMAINS, type FumidaiClient } from '../../../common/api';
import type { StreamHandle } from '../../../common/api/contract';
import { connectInMemory } from '../../helpers/memoryTransport';
import { approveDeviceCode } from '../../helpers/emulatorSignIn';

const PROD = 'i-0a11111111111111a'; // prod-web-1, account 111111111111 (acme-prod)
const DEV = 'i-0c33333333333333a'; // dev-app-1, account 333333333333

let emu: Emulator;
let home: string;
const saved = { ...process.env };
const cores: Core[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  emu = await startEmulator({ ssh: false });
  home = mkdtempSync(join(tmpdir(), 'fumidai-alerts-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), `[sso-session acme]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n`);
  Object.assign(process.env, { AWS_ENDPOINT_URL: emu.endpoint, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});
afterAll(async () => {
  process.env = saved;
  await emu.close();
  rmSync(home, { recursive: true, force: true });
});

async function signedInCore(name: string, alerts: Parameters<typeof createCore>[0]['alerts'] = {}): Promise<{ core: Core; client: FumidaiClient }> {
  const configDir = join(home, name);
  const core = await createCore({
    configDir,
    version: '1.0.0',
    // The user's browser: approves the device code on the emulator's page.
    host: { kind: 'browser', openExternal: async (url) => void (await approveDeviceCode(emu.endpoint, new URL(url).searchParams.get('user_code')!)), osLocale: () => 'en' },
    aws: createAwsFiles(process.env, configDir),
    env: process.env,
    alerts: { loginActivityIntervalMs: 3600_000, ...alerts },
  });
  cores.push(core);
  await core.auth.signIn('acme', 'device');
  await core.auth.waitForSignIn('acme');
  return { core, client: createClient(DOMAINS, connectInMemory(core.dispatcher)) };
}

async function openShell(client: FumidaiClient, req: { accountId: string; roleName: string; instanceId: string; reason?: string }): Promise<{ handle: StreamHandle; ms: number }> {
  const t0 = Date.now();
  const r = await client.sessions.openShell({ ssoSessionId: 'acme', region: 'ap-northeast-1', cols: 80, rows: 24, ...req }, { onData: () => {}, onEnd: () => {} });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return { handle: r.value.handle, ms: Date.now() - t0 };
}

function receiver(status: (n: number) => number, hang = false): Promise<{ url: string; posts: Array<{ at: number; body: Record<string, unknown> }> }> {
  const posts: Array<{ at: number; body: Record<string, unknown> }> = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      posts.push({ at: Date.now(), body: JSON.parse(text) as Record<string, unknown> });
      if (hang && posts.length === 1) return; // the first answer never comes
      res.statusCode = status(posts.length);
      res.end();
    });
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, posts })));
}

describe('alerts against the sandbox', () => {
  it('a session started from another device raises "Was this you?"; the app\'s own does not', async () => {
    const { core, client } = await signedInCore('activity');
    // The app's own session: StartSession with this installation's user agent.
    const own = await openShell(client, { accountId: '333333333333', roleName: 'Developer', instanceId: DEV });
    // Another device: the same person's credentials in an SDK client without Fumidai's id (the CLI).
    const creds = core.credentials.provider('acme', '333333333333', 'Developer');
    const cli = new SSMClient({ region: 'ap-northeast-1', credentials: creds });
    const started = await cli.send(new StartSessionCommand({ Target: DEV }));
    await cli.send(new TerminateSessionCommand({ SessionId: started.SessionId! }));
    const mine = emu.events().filter((e) => e.eventName === 'StartSession');
    expect(mine.map((e) => /device\/[a-z0-9]{16}/.test(e.userAgent))).toEqual([true, false]);

    await core.alerts.watcher.poll();
    const alerts = core.alerts.service.history().filter((n) => n.kind === 'login-activity');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'critical', shown: true, params: { event: 'StartSession', user: 'alice', target: DEV } });
    expect(String(alerts[0]!.params.userAgent)).not.toContain('fumidai');
    expect(alerts[0]!.actions[0]).toMatchObject({ type: 'open-url', url: expect.stringContaining('/cloudtrailv2/home?region=ap-northeast-1#/events/') });
    // Looking again finds nothing new.
    await core.alerts.watcher.poll();
    expect(core.alerts.service.history().filter((n) => n.kind === 'login-activity')).toHaveLength(1);
    own.handle.close();
  });

  it('a production session posts the team webhook with who, when, host, role and reason', async () => {
    const hook = await receiver(() => 200);
    const { client } = await signedInCore('webhook');
    const set = await client.alerts.setWebhook({ environment: 'production', url: hook.url, format: 'json' });
    expect(set).toEqual({ ok: true, value: [{ environment: 'production', format: 'json', host: new URL(hook.url).host, storage: 'file' }] });
    await client.accounts.list({ sessionId: 'acme' });
    const before = Date.now();
    const shell = await openShell(client, { accountId: '111111111111', roleName: 'ProductionOperator', instanceId: PROD, reason: 'INC-1234 restart nginx' });
    await expect.poll(() => hook.posts.length, { timeout: 10_000 }).toBe(1);
    const body = hook.posts[0]!.body;
    expect(body).toMatchObject({
      event: 'session-started',
      user: 'alice',
      environment: 'production',
      host: { instanceId: PROD },
      account: { id: '111111111111', name: 'acme-prod' },
      role: 'ProductionOperator',
      region: 'ap-northeast-1',
      reason: 'INC-1234 restart nginx',
      awsSessionId: expect.any(String),
    });
    expect(Date.parse(String(body.at))).toBeGreaterThanOrEqual(before - 1000);
    // A development session has no hook: nothing is posted.
    const dev = await openShell(client, { accountId: '333333333333', roleName: 'Developer', instanceId: DEV });
    await new Promise((r) => setTimeout(r, 300));
    expect(hook.posts).toHaveLength(1);
    shell.handle.close();
    dev.handle.close();
  });

  it('a failing webhook is retried with backoff and never delays the shell', async () => {
    // The first post hangs until it times out, the next two fail, the fourth is accepted.
    const hook = await receiver((n) => (n < 4 ? 503 : 200), true);
    const { core, client } = await signedInCore('failing', { webhookSender: { attempts: 4, baseDelayMs: 100, timeoutMs: 1500 } });
    await client.alerts.setWebhook({ environment: 'production', url: hook.url, format: 'slack' });
    await client.accounts.list({ sessionId: 'acme' });
    const shell = await openShell(client, { accountId: '111111111111', roleName: 'ProductionOperator', instanceId: PROD, reason: 'INC-9 check disk' });
    const opened = Date.now();
    // The shell is live while the first post is still hanging.
    expect(hook.posts.length).toBeLessThanOrEqual(1);
    await expect.poll(() => hook.posts.length, { timeout: 15_000 }).toBe(4);
    const gaps = hook.posts.slice(1).map((p, i) => p.at - hook.posts[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(1400); // the timeout of the hanging attempt
    expect(gaps[2]!).toBeGreaterThan(gaps[1]! - 20); // backoff grows
    expect(hook.posts.at(-1)!.at - opened).toBeGreaterThan(1400);
    // The inventory was not loaded here, so the host is named by its id (the account by its name).
    expect(String(hook.posts[0]!.body.text)).toContain(`alice started a session on ${PROD} in acme-prod`);
    expect(JSON.stringify(hook.posts[0]!.body.blocks)).toContain('INC-9 check disk');
    // Delivered in the end: no failure notification.
    expect(core.alerts.service.history().some((n) => n.kind === 'webhook-failed')).toBe(false);
    shell.handle.close();
  });
});
