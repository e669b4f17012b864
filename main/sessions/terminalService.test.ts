// TerminalService against the emulator's data channel, with the SSM API calls answered by the
// broker directly (the control-plane API is exercised by the emulator's own suites).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingHistory } from './recording/recordingHistory';
import { recordingPolicy } from './recordingPolicy';
import { DEFAULT_SETTINGS } from '../../common/api/settings';
import { startHarness, type Harness } from '../../test/integration/datachannel/helpers/harness';
import { TerminalService } from './terminalService';
import type { SsmSessionApi } from '../ssm/ssmApi';
import type { StreamEnd } from '../../common/api/contract';
import type { TerminalSummary } from '../../common/api/sessions';
import { FumidaiError } from '../../common/api/errors';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

function service(reasons: string[] = [], record?: ConstructorParameters<typeof TerminalService>[0]['record']) {
  const api: SsmSessionApi = {
    async start({ reason }) {
      if (reason) reasons.push(reason);
      const { session, streamUrl } = h.start();
      return { sessionId: session.sessionId, streamUrl, tokenValue: session.tokenValue };
    },
    resume: async (id) => h.broker.resumeSession(id).tokenValue,
    terminate: async (id) => h.broker.terminateSession(id),
  };
  return new TerminalService({ credentials: { provider: () => async () => ({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c', expiration: new Date(Date.now() + 3600_000) }) }, ssmApi: () => api, record });
}

const input = { ssoSessionId: 'acme', accountId: '111122223333', roleName: 'Dev', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0', cols: 80, rows: 24 };

describe('TerminalService', () => {
  it('streams a shell, passes the reason, and reports state changes and the exit code', async () => {
    const reasons: string[] = [];
    const svc = service(reasons);
    const states: TerminalSummary['state'][] = [];
    svc.onDidChange((s) => states.push(s.state));
    const { meta, source } = await svc.openShell({ ...input, reason: 'INC-42 disk full' });
    expect(meta).toMatchObject({ terminalId: 't1', state: 'live', instanceId: input.instanceId, awsSessionId: expect.any(String) });
    let text = '';
    const ended = new Promise<StreamEnd>((r) => source.onEnd(r));
    source.onData((c) => (text += Buffer.from(c).toString()));
    const until = async (re: RegExp) => {
      for (let i = 0; i < 400 && !re.test(text); i++) await new Promise((r) => setTimeout(r, 25));
      expect(text).toMatch(re);
    };
    await until(/\$ $/);
    source.write(Buffer.from('echo $((6*7)); exit 5\r'));
    await until(/[\r\n]42\r\n/);
    expect(await ended).toEqual({ reason: 'exit', exitCode: 5 });
    // Other changes (the OS user found in the prompt) are published too; the states go live → ended.
    expect(states.filter((st, i) => st !== states[i - 1])).toEqual(['live', 'ended']);
    expect(svc.list()[0]?.osUser).toBe('ssm-user');
    expect(svc.list()[0]).toMatchObject({ state: 'ended', exitCode: 5 });
    expect(reasons).toEqual(['INC-42 disk full']);
  });

  it('closing the stream terminates the session on the service', async () => {
    const svc = service();
    const { source } = await svc.openShell(input);
    const ended = new Promise<StreamEnd>((r) => source.onEnd(r));
    source.close();
    expect((await ended).reason).toBe('closed');
    for (let i = 0; i < 100 && h.broker.activeSessionIds().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.broker.activeSessionIds()).toHaveLength(0);
  });

  it('turns a denied StartSession into a clear error', async () => {
    const svc = new TerminalService({
      credentials: { provider: () => async () => ({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c', expiration: new Date(Date.now() + 3600_000) }) },
      ssmApi: () => ({
        start: async () => {
          throw new FumidaiError('AccessDenied', 'User is not authorized to perform: ssm:StartSession on resource: i-0prod because of a tag condition');
        },
        resume: async () => undefined,
        terminate: async () => {},
      }),
    });
    await expect(svc.openShell(input)).rejects.toMatchObject({ code: 'AccessDenied', message: expect.stringContaining('ssm:StartSession') });
    expect(svc.list()).toEqual([]);
  });

  it('records a production shell with who/where/why and its exit code, names the OS user, and leaves development unrecorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-term-rec-'));
    try {
      const history = new RecordingHistory({ dir: join(dir, 'recordings') });
      let environment: 'production' | 'development' = 'production';
      const svc = service([], recordingPolicy({ settings: () => DEFAULT_SETTINGS.recording, lookup: () => ({ environment, instanceName: 'prod-web-1', accountName: 'acme-prod' }), history }));
      const changes: TerminalSummary[] = [];
      svc.onDidChange((s) => changes.push(s));
      const { meta, source } = await svc.openShell({ ...input, reason: 'INC-7 check logs' });
      expect(meta.recording).toMatch(/^\d{8}T\d{6}Z_i-0123456789abcdef0_.+\.cast$/);
      let text = '';
      source.onData((c) => (text += Buffer.from(c).toString()));
      const ended = new Promise<StreamEnd>((r) => source.onEnd(r));
      for (let i = 0; i < 400 && !/\$ $/.test(text); i++) await new Promise((r) => setTimeout(r, 25));
      await expect.poll(() => svc.list()[0]?.osUser).toBe('ssm-user');
      source.write(Buffer.from('echo recorded-$((40+2)); exit 4\r'));
      expect(await ended).toMatchObject({ exitCode: 4 });
      // The summary is published again once the recording's end is stamped.
      await expect.poll(async () => (await history.list())[0]?.complete, { timeout: 5_000 }).toBe(true);
      const [entry] = await history.list();
      expect(entry).toMatchObject({ name: meta.recording, instanceId: input.instanceId, instanceName: 'prod-web-1', accountName: 'acme-prod', roleName: 'Dev', reason: 'INC-7 check logs', exitCode: 4, identity: expect.any(String) });
      expect(statSync(join(dir, 'recordings', meta.recording!)).mode & 0o777).toBe(0o600);
      const replay = await history.read(meta.recording!);
      expect(replay.events.filter((e) => e[1] === 'o').map((e) => e[2]).join('')).toContain('recorded-42');
      expect(changes.filter((c) => c.state === 'ended').length).toBeGreaterThanOrEqual(2);

      environment = 'development';
      const dev = await svc.openShell(input);
      expect(dev.meta.recording).toBeUndefined();
      dev.source.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stamps "Fumidai quit" into the recording of a shell still open when the app quits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-term-quit-'));
    try {
      const history = new RecordingHistory({ dir: join(dir, 'recordings') });
      const svc = service([], recordingPolicy({ settings: () => DEFAULT_SETTINGS.recording, lookup: () => ({ environment: 'production', instanceName: 'prod-web-1', accountName: 'acme-prod' }), history }));
      const { meta, source } = await svc.openShell({ ...input, reason: 'INC-8 quit test' });
      let text = '';
      source.onData((c) => (text += Buffer.from(c).toString()));
      for (let i = 0; i < 400 && !/\$ $/.test(text); i++) await new Promise((r) => setTimeout(r, 25));
      await svc.disposeAll();
      const entry = (await history.list()).find((e) => e.name === meta.recording);
      expect(entry).toMatchObject({ complete: true, endCode: 'quit', endReason: 'Fumidai quit' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
