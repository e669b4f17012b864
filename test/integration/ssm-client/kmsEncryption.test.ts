// KMS-encrypted Session Manager sessions, as an account gets them when its Session Manager
// preferences name a KMS key: the product client asks KMS (through the SDK, with the role's
// credentials) for a data key bound to the session and target, answers the agent's challenge,
// and from then on every keystroke and every byte of output crosses the WebSocket sealed with
// AES-256-GCM. A role without kms:GenerateDataKey gets a message that says what to ask for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type Emulator } from '../../../emulator';
import { loadFixture } from '../../../emulator/fixture/load';
import { RoleCredentialsService } from '../../../main/accounts/roleCredentials';
import { createPortalApi } from '../../../main/auth/portal';
import { DataChannelClient, type ChannelEnd } from '../../../main/ssm/client/dataChannelClient';
import { ShellSession } from '../../../main/ssm/client/shellSession';
import { createSsmSessionApi, type SsmSessionApi } from '../../../main/ssm/ssmApi';
import { MessageType, PayloadType, decodeMessage } from '../../../main/ssm/protocol';
import { signInWithDeviceCode } from '../../helpers/emulatorSignIn';

const DEV_ACCOUNT = '333333333333';
const DEV_APP = 'i-0c33333333333333a';
const REGION = 'ap-northeast-1';

let emu: Emulator;
let credentials: RoleCredentialsService;
const saved = { ...process.env };

beforeAll(async () => {
  const fixture = loadFixture();
  fixture.sessionPreferences = [{ account: DEV_ACCOUNT, region: REGION, kmsKeyId: 'alias/session-manager' }];
  emu = await startEmulator({ fixture, ssh: false });
  process.env.AWS_ENDPOINT_URL = emu.endpoint;
  const { accessToken } = await signInWithDeviceCode(emu);
  const portal = createPortalApi(emu.region);
  credentials = new RoleCredentialsService({ accessToken: async () => accessToken, portalFor: () => portal, now: () => emu.clock.now() });
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await emu?.close();
});

/** A shell whose raw WebSocket frames are kept, to see what actually crossed the wire. */
async function openShell(api: SsmSessionApi) {
  const started = await api.start({ target: DEV_APP });
  const frames: Buffer[] = [];
  const channel = new DataChannelClient({
    sessionId: started.sessionId,
    streamUrl: started.streamUrl,
    tokenValue: started.tokenValue,
    resume: () => api.resume(started.sessionId),
    dataKeys: api.dataKeys,
    targetId: DEV_APP,
    createSocket: (url) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.on('message', (data: Buffer) => frames.push(data));
      return ws;
    },
  });
  const shell = new ShellSession(channel);
  let text = '';
  shell.onDidOutput((b) => (text += b.toString('utf8')));
  const ended = new Promise<ChannelEnd>((resolve) => shell.onDidEnd(resolve));
  return { channel, shell, frames, ended, text: () => text };
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('KMS-encrypted sessions', () => {
  it('opens an encrypted shell: the agent says so, commands run, and no plaintext crosses the wire', async () => {
    const api = createSsmSessionApi(REGION, credentials.provider('acme', DEV_ACCOUNT, 'AdministratorAccess'));
    const s = await openShell(api);
    await s.channel.open();
    await until(() => /\$ $/.test(s.text()), 'the prompt');
    expect(s.text()).toContain('This session is encrypted using AWS KMS.');
    expect(s.channel.encrypted).toBe(true);
    expect(s.channel.handshake).toMatchObject({ sessionType: 'Standard_Stream', encrypted: true });
    s.shell.write('echo "kms-$((6*7))-marker"\r');
    await until(() => s.text().includes('kms-42-marker'), 'the command output');
    // Output messages on the wire carry sealed payloads: the marker is nowhere in them.
    const outputs = s.frames.map((f) => decodeMessage(f, { strict: false })).filter((d) => d.ok && d.message.messageType === MessageType.OutputStreamData && d.message.payloadType === PayloadType.Output);
    expect(outputs.length).toBeGreaterThan(0);
    expect(Buffer.concat(s.frames).includes('kms-42-marker')).toBe(false);
    s.shell.write('exit 5\r');
    expect((await s.ended).exitCode).toBe(5);
  }, 60_000);

  it('a role without kms:GenerateDataKey is told which key and what to ask for, and no shell opens', async () => {
    const api = createSsmSessionApi(REGION, credentials.provider('acme', DEV_ACCOUNT, 'Developer'));
    const s = await openShell(api);
    await s.channel.open();
    const end = await s.ended;
    expect(end.reason).toBe('failed');
    expect(end.error?.code).toBe('AccessDenied');
    expect(end.error?.message).toContain('alias/session-manager');
    expect(end.error?.message).toContain('kms:GenerateDataKey');
    expect(s.text()).not.toMatch(/\$ $/);
  }, 60_000);

  it('port forwarding in the same account is never encrypted (as AWS does for Port sessions)', async () => {
    const api = createSsmSessionApi(REGION, credentials.provider('acme', DEV_ACCOUNT, 'AdministratorAccess'));
    const started = await api.start({ target: DEV_APP, documentName: 'AWS-StartPortForwardingSession', parameters: { portNumber: ['7'] } });
    const channel = new DataChannelClient({ sessionId: started.sessionId, streamUrl: started.streamUrl, tokenValue: started.tokenValue, resume: async () => undefined, dataKeys: api.dataKeys, targetId: DEV_APP });
    const handshake = new Promise((resolve) => channel.onDidHandshake(resolve));
    await channel.open();
    expect(await handshake).toMatchObject({ sessionType: 'Port' });
    expect(channel.encrypted).toBe(false);
    channel.close();
  }, 60_000);
});
