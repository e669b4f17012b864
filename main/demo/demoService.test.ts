import { describe, expect, it } from 'vitest';
import type { SessionSource, SsoSessionConfig, StoredToken, TokenStore } from '../auth/ports';
import type { SsoSessionSummary } from '../../common/api/auth';
import { DemoOverlay, DEMO_SESSION_NAME } from './demoOverlay';
import { DemoService, NO_SANDBOX_REASON, type DemoSandbox, type SandboxAws } from './demoService';

const REAL: SsoSessionConfig = { name: 'work', startUrl: 'https://d-1.awsapps.com/start', region: 'us-east-1', scopes: [], source: 'sso-session' };

function realFiles() {
  const written: string[] = [];
  const sessions: SessionSource = { list: async () => ({ sessions: [REAL], problems: [] }), add: async () => REAL };
  const tokens: TokenStore = {
    read: async () => undefined,
    write: async (s) => void written.push(`token ${s.name}`),
    remove: async (s) => void written.push(`remove ${s.name}`),
    readRegistration: async () => undefined,
    writeRegistration: async (s) => void written.push(`registration ${s.name}`),
  };
  return { sessions, tokens, written };
}

function sandbox(opts: { approve?: (code: string) => Promise<void>; reason?: string } = {}) {
  const events: string[] = [];
  const s: DemoSandbox = {
    unavailableReason: () => opts.reason,
    async start(): Promise<SandboxAws> {
      events.push('start');
      return {
        endpoint: 'http://127.0.0.1:4599',
        region: 'us-east-1',
        startUrl: 'https://d-demo.awsapps.com/start',
        approve: opts.approve ?? (async (code) => void events.push(`approve ${code}`)),
        close: async () => void events.push('close'),
      };
    },
  };
  return { sandbox: s, events };
}

/** An auth service stand-in that signs in once the sandbox approved the code, storing through the overlay. */
function fakeAuth(overlay: DemoOverlay, events: string[]) {
  let approved = false;
  const summary = (state: SsoSessionSummary['state'], pending?: SsoSessionSummary['pending']): SsoSessionSummary => ({
    id: DEMO_SESSION_NAME,
    name: DEMO_SESSION_NAME,
    startUrl: '',
    region: 'us-east-1',
    source: 'app',
    state,
    canRefresh: false,
    ...(pending ? { pending } : {}),
  });
  return {
    markApproved: () => (approved = true),
    reload: async () => void events.push(`reload ${(await overlay.sessions.list()).sessions.map((s) => s.name).join(',')}`),
    signIn: async (id: string) => {
      events.push(`signIn ${id}`);
      return summary('signing-in', { flow: 'device', userCode: 'ABCD-EFGH', expiresAt: 0 });
    },
    waitForSignIn: async (id: string) => {
      if (!approved) throw new Error('the code was not approved');
      const session = (await overlay.sessions.list()).sessions.find((s) => s.name === id)!;
      const token: StoredToken = { startUrl: session.startUrl, region: session.region, accessToken: 't', expiresAt: Date.now() + 3600_000 };
      await overlay.tokens.write(session, token);
      return summary('signed-in');
    },
  };
}

describe('DemoService', () => {
  it('starts the sandbox, points the SDKs at it, signs in as its user, and keeps the demo out of the real files', async () => {
    const files = realFiles();
    const overlay = new DemoOverlay(files);
    const { sandbox: sb, events } = sandbox({ approve: async (code) => void (events.push(`approve ${code}`), auth.markApproved()) });
    const auth = fakeAuth(overlay, events);
    const env: NodeJS.ProcessEnv = {};
    const demo = new DemoService({ sandbox: sb, overlay, env, auth });
    const seen: string[] = [];
    demo.onDidChange((s) => seen.push(s.state));

    expect(demo.status()).toEqual({ available: true, state: 'off' });
    await expect(demo.start()).resolves.toEqual({ available: true, state: 'on', sessionId: DEMO_SESSION_NAME });
    expect(seen).toEqual(['starting', 'on']);
    expect(events).toEqual(['start', `reload work,${DEMO_SESSION_NAME}`, `signIn ${DEMO_SESSION_NAME}`, 'approve ABCD-EFGH']);
    expect(env.AWS_ENDPOINT_URL).toBe('http://127.0.0.1:4599');
    expect(files.written).toEqual([]);
    const demoSession = (await overlay.sessions.list()).sessions.find((s) => s.name === DEMO_SESSION_NAME)!;
    expect(await overlay.tokens.read(demoSession)).toMatchObject({ accessToken: 't' });
    expect(demo.ownsUrl('http://127.0.0.1:4599/device?user_code=ABCD-EFGH')).toBe(true);
    expect(demo.ownsUrl('http://127.0.0.1:45990/device')).toBe(false);
    // A second click while on changes nothing.
    await demo.start();
    expect(events.filter((e) => e === 'start')).toHaveLength(1);
    await demo.dispose();
    expect(events.at(-1)).toBe('close');
  });

  it('starts one sandbox for two clicks in a row', async () => {
    const overlay = new DemoOverlay(realFiles());
    const { sandbox: sb, events } = sandbox({ approve: async () => void auth.markApproved() });
    const auth = fakeAuth(overlay, events);
    const demo = new DemoService({ sandbox: sb, overlay, env: {}, auth });
    await Promise.all([demo.start(), demo.start()]);
    expect(events.filter((e) => e === 'start')).toHaveLength(1);
  });

  it('undoes everything when the sign-in fails: endpoint override restored, session gone, sandbox closed', async () => {
    const overlay = new DemoOverlay(realFiles());
    const { sandbox: sb, events } = sandbox({ approve: async () => Promise.reject(new Error('the sandbox refused the sign-in (HTTP 403)')) });
    const auth = fakeAuth(overlay, events);
    const env: NodeJS.ProcessEnv = { AWS_ENDPOINT_URL: 'http://proxy.internal' };
    const demo = new DemoService({ sandbox: sb, overlay, env, auth });
    await expect(demo.start()).rejects.toMatchObject({ message: 'The demo could not start: the sandbox refused the sign-in (HTTP 403)' });
    expect(demo.status()).toEqual({ available: true, state: 'failed', error: 'The demo could not start: the sandbox refused the sign-in (HTTP 403)' });
    expect(env.AWS_ENDPOINT_URL).toBe('http://proxy.internal');
    expect((await overlay.sessions.list()).sessions.map((s) => s.name)).toEqual(['work']);
    expect(events.at(-1)).toBe('close');
    expect(events).toContain('reload work');
  });

  it('explains that an installed app has no sandbox, and starts nothing', async () => {
    const overlay = new DemoOverlay(realFiles());
    const env: NodeJS.ProcessEnv = {};
    const demo = new DemoService({ sandbox: undefined, overlay, env, auth: fakeAuth(overlay, []) });
    expect(demo.status()).toEqual({ available: false, unavailableReason: 'not-in-build', state: 'off' });
    await expect(demo.start()).rejects.toMatchObject({ code: 'NotSupported', message: NO_SANDBOX_REASON });
    expect(env).toEqual({});
    expect(NO_SANDBOX_REASON).toMatch(/npm run demo/);
  });
});

describe('DemoOverlay', () => {
  it('passes everything that is not the demo session through to the real files', async () => {
    const files = realFiles();
    const overlay = new DemoOverlay(files);
    await overlay.tokens.write(REAL, { startUrl: REAL.startUrl, region: REAL.region, accessToken: 'x', expiresAt: 0 });
    const demoSession = overlay.activate('https://d-demo.awsapps.com/start', 'us-east-1');
    await overlay.tokens.write(demoSession, { startUrl: demoSession.startUrl, region: 'us-east-1', accessToken: 'y', expiresAt: 0 });
    await overlay.tokens.writeRegistration(demoSession, 'device', { clientId: 'c', clientSecret: 's', expiresAt: 0, scopes: [] });
    // A real session that happens to share the demo's name is not the demo's.
    await overlay.tokens.write({ ...REAL, name: DEMO_SESSION_NAME }, { startUrl: REAL.startUrl, region: REAL.region, accessToken: 'z', expiresAt: 0 });
    expect(files.written).toEqual(['token work', `token ${DEMO_SESSION_NAME}`]);
    expect(await overlay.tokens.readRegistration(demoSession, 'device')).toMatchObject({ clientId: 'c' });
  });
});
