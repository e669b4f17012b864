// The product's Session Manager client against the emulator's data channel (agent side).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startHarness, type Harness } from '../datachannel/helpers/harness';
import { DataChannelClient, type ChannelEnd, type ChannelState } from '../../../main/ssm/client/dataChannelClient';
import { ShellSession } from '../../../main/ssm/client/shellSession';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

function openShell(document = 'SSM-SessionManagerRunShell', parameters: Record<string, string[]> = {}) {
  const { session, streamUrl } = h.start(document, parameters);
  const channel = new DataChannelClient({
    sessionId: session.sessionId,
    streamUrl,
    tokenValue: session.tokenValue,
    resume: async () => h.broker.resumeSession(session.sessionId).tokenValue,
  });
  const shell = new ShellSession(channel);
  let text = '';
  const bytes: Buffer[] = [];
  shell.onDidOutput((b) => {
    bytes.push(b);
    text += b.toString('utf8');
  });
  const states: ChannelState[] = [];
  shell.onDidChangeState((s) => states.push(s));
  const ended = new Promise<ChannelEnd>((r) => shell.onDidEnd(r));
  const waitFor = async (re: RegExp, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!re.test(text)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; got ${JSON.stringify(text.slice(-300))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { channel, shell, session, ended, waitFor, states, output: () => Buffer.concat(bytes), text: () => text };
}

describe('Session Manager client: shells', () => {
  it('opens a shell, echoes, resizes, and reports the exit code', async () => {
    const s = openShell();
    await s.channel.open();
    s.shell.resize(100, 30);
    await s.waitFor(/ssm-user@ip-10-0-1-5:~\$ /);
    s.shell.write('echo $((6*7))\r');
    await s.waitFor(/[\r\n]42\r\n/);
    s.shell.resize(132, 43);
    s.shell.write('stty size\r');
    await s.waitFor(/[\r\n]43 132\r\n/);
    s.shell.write('exit 3\r');
    const end = await s.ended;
    expect(end).toMatchObject({ reason: 'closed', exitCode: 3 });
    expect(s.channel.state).toBe('closed');
  });

  it('resumes across killed sockets with every byte exactly once and in order', async () => {
    const s = openShell();
    await s.channel.open();
    await s.waitFor(/\$ $/);
    const size = 16 * 1024 * 1024;
    s.shell.write(`head -c ${size} /dev/zero | tr '\\0' 'x' | fold -w 64; echo; echo DONE-$((40+2))\r`);
    // Kill the socket twice mid-stream, the way a network drop would.
    for (const at of [2_000_000, 8_000_000]) {
      while (s.output().length < at || s.channel.state !== 'open') await new Promise((r) => setTimeout(r, 5));
      (s.channel as unknown as { ws?: { terminate(): void } }).ws?.terminate();
      while (s.channel.state === 'open') await new Promise((r) => setTimeout(r, 1));
    }
    await s.waitFor(/DONE-42\r\n/, 60_000);
    expect(s.channel.stats.reconnects).toBeGreaterThanOrEqual(2);
    expect(s.states).toContain('reconnecting');
    // Strip terminal control sequences (bracketed-paste toggles) and carriage returns.
    // eslint-disable-next-line no-control-regex
    const body = s.text().replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').replace(/\r/g, '');
    const lines = body.split('\n').filter((l) => /^x+$/.test(l));
    expect(lines.reduce((n, l) => n + l.length, 0)).toBe(size);
    expect(lines.every((l) => l.length === 64)).toBe(true);
    const expected = createHash('sha256').update(`${'x'.repeat(64)}\n`.repeat(size / 64)).digest('hex');
    expect(createHash('sha256').update(lines.map((l) => `${l}\n`).join('')).digest('hex')).toBe(expected);
    s.shell.close();
  }, 90_000);

  it('ends with a clear reason when the session is terminated on the service side', async () => {
    const s = openShell();
    await s.channel.open();
    await s.waitFor(/\$ $/);
    h.broker.terminateSession(s.session.sessionId);
    const end = await s.ended;
    expect(end.reason).toBe('closed');
  });
});
