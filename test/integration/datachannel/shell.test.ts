import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadType } from '../../../main/ssm/protocol';
import { startHarness, type Harness } from './helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('shell sessions over the data channel', () => {
  it('runs a real shell: prompt, echo, resize, and the exit code', async () => {
    const { client } = await h.open();
    await client.waitForText('ssm-user@ip-10-0-1-5:~$ ');
    // No handshake for a shell: the first stream message is Output, seq 0, SYN.
    expect(client.firstMessage?.payloadType).toBe(PayloadType.Output);
    expect(client.firstMessage?.sequenceNumber).toBe(0);
    expect(client.firstMessage?.flags).toBe(1);
    expect(client.controlMessages).toContain('start_publication');

    client.type('echo hello\r');
    await client.waitForText(/[\r\n]hello\r\n/);

    client.resize(132, 43);
    client.type('stty size\r');
    await client.waitForText(/[\r\n]43 132\r\n/);

    client.type('echo "$USER $LOGNAME $HOME" && pwd\r');
    await client.waitForText(/ssm-user ssm-user \S+\/home\/ssm-user\r\n\S+\/home\/ssm-user\r\n/);

    client.type('exit 3\r');
    const closed = await client.closed;
    expect(closed.ExitCode).toBe(3);
    expect(closed.SessionId).toBeDefined();
    expect(h.broker.activeSessionIds()).not.toContain(closed.SessionId);
  });

  it('chunks output like the agent (≤1024 bytes, UTF-8 boundaries) and delivers Ctrl-C to the foreground job', async () => {
    const { client } = await h.open();
    await client.waitForText('$ ');
    const payloads: Buffer[] = [];
    client.onPayload = (_type, payload) => payloads.push(payload);
    client.type("for i in $(seq 1 3000); do printf 'é€😀'; done; echo; echo END-$((1+1))\r");
    await client.waitForText(/END-2\r\n/);
    expect(payloads.length).toBeGreaterThan(10);
    for (const p of payloads) {
      expect(p.length).toBeGreaterThan(0);
      expect(p.length).toBeLessThanOrEqual(1024);
      expect(p.toString('utf8')).not.toContain('\ufffd');
    }
    expect(client.text).toContain('é€😀'.repeat(3000));

    client.type('sleep 30\r');
    await client.waitForText(/sleep 30\r\n/); // bash accepted the line and is starting the job
    await new Promise((r) => setTimeout(r, 150));
    client.type('\x03');
    client.type('echo "interrupted:$?"\r');
    await client.waitForText('interrupted:130', 5000); // 128 + SIGINT
    expect(h.broker.activeSessionIds().length).toBeGreaterThan(0);
    client.type('exit\r');
    expect((await client.closed).ExitCode).toBe(0);
  });

  it('runs AWS-StartInteractiveCommand in a PTY and reports its exit code', async () => {
    const { client } = await h.open('AWS-StartInteractiveCommand', { command: ['printf "cols=%s\\n" "$(tput cols)"; exit 7'] });
    const closed = await client.closed;
    expect(client.text).toContain('cols=');
    expect(closed.ExitCode).toBe(7);
  });

  it('runs AWS-StartNonInteractiveCommand after a handshake with separate streams and EXIT_CODE', async () => {
    const { client } = await h.open('AWS-StartNonInteractiveCommand', { command: ['echo out; echo err >&2; exit 4'] });
    const hs = await client.handshake;
    expect(hs.sessionType).toBe('NonInteractiveCommands');
    const closed = await client.closed;
    expect(client.handshakeCompleted).toBe(true);
    expect(client.payloadTypes).toContain(PayloadType.StdErr);
    expect(client.text).toContain('out\n');
    expect(client.text).toContain('err\n');
    expect(client.text).toContain('EXIT_CODE: 4');
    expect(closed.ExitCode).toBe(4);
  });

  it('TerminateSession ends a running shell with channel_closed and forbids resuming it', async () => {
    const { client, session } = await h.open();
    await client.waitForText('$ ');
    const ended: string[] = [];
    h.broker.onDidEndSession((id) => ended.push(id));
    h.broker.terminateSession(session.sessionId);
    const closed = await client.closed;
    expect(closed.Output).toBe('');
    expect(() => h.broker.resumeSession(session.sessionId)).toThrow(/terminated/);
    expect(ended).not.toContain(session.sessionId); // the control plane initiated it
  });

  it('notifies the control plane when a shell exits on its own', async () => {
    const ended: string[] = [];
    h.broker.onDidEndSession((id) => ended.push(id));
    const { client, session } = await h.open();
    await client.waitForText('$ ');
    client.type('exit\r');
    await client.closed;
    expect(ended).toContain(session.sessionId);
  });

  it('resumes after a dropped socket with the same sequence numbers and loses nothing', async () => {
    const { client } = await h.open();
    await client.waitForText('$ ');
    client.type('for i in $(seq 1 2000); do echo line-$i; done; echo DONE-$((6*7))\r');
    await client.waitForText('line-300');
    client.dropSocket();
    await client.waitForText(/DONE-42\r\n/, 20_000);
    const lines = client.text.match(/^line-\d+\r$/gm) ?? [];
    expect(lines.length).toBe(2000);
    expect(lines.every((l, i) => l === `line-${i + 1}\r`)).toBe(true);
    expect(client.reconnects).toBeGreaterThanOrEqual(1);
    client.type('exit 0\r');
    expect((await client.closed).ExitCode).toBe(0);
  });
});
