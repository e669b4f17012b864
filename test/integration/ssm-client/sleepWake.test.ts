// Sleep/wake: the socket goes silent without closing (no FIN, no error). The client must notice
// through its keep-alive pings, drop the dead socket, resume the session and carry on with every
// byte exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../datachannel/helpers/harness';
import { DataChannelClient, ENDED_WHILE_DISCONNECTED, type ChannelEnd, type ChannelState } from '../../../main/ssm/client/dataChannelClient';
import { ShellSession } from '../../../main/ssm/client/shellSession';
import { startFreezableProxy, type FreezableProxy } from './helpers/freezableProxy';

let h: Harness;
let proxy: FreezableProxy;
beforeAll(async () => {
  h = await startHarness();
  const { streamUrl } = h.start(); // learn the emulator's port
  proxy = await startFreezableProxy(Number(new URL(streamUrl).port));
});
afterAll(async () => {
  await proxy.close();
  await h.close();
});

describe('sleep/wake', () => {
  it('detects a silently dead socket by its missing pongs, resumes, and loses or repeats nothing', async () => {
    const { session, streamUrl } = h.start();
    const viaProxy = streamUrl.replace(/:\d+\//, `:${proxy.port}/`);
    const logs: string[] = [];
    const channel = new DataChannelClient({
      sessionId: session.sessionId,
      streamUrl: viaProxy,
      tokenValue: session.tokenValue,
      resume: async () => h.broker.resumeSession(session.sessionId).tokenValue,
      // Short timers so the test takes seconds; the product pings every 20 s.
      pingIntervalMs: 250,
      livenessTimeoutMs: 500,
      log: (m) => logs.push(m),
    });
    const shell = new ShellSession(channel);
    let text = '';
    shell.onDidOutput((b) => (text += b.toString('utf8')));
    const states: ChannelState[] = [];
    channel.onDidChangeState((s) => states.push(s));
    await channel.open();
    const waitFor = async (re: RegExp, ms = 15_000) => {
      const deadline = Date.now() + ms;
      while (!re.test(text)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}: ${JSON.stringify(text.slice(-200))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await waitFor(/\$ $/);
    // Numbered lines keep coming while the connection is frozen; all must arrive once, in order.
    shell.write('for i in $(seq 1 400); do echo "line-$i"; sleep 0.005; done; echo "DONE-$((6*7))"\r');
    await waitFor(/line-40\r\n/);
    const frozenAt = Date.now();
    proxy.freeze();
    await waitFor(/DONE-42\r\n/, 20_000);
    const detectedMs = Date.now() - frozenAt;
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    expect(channel.stats.reconnects).toBe(1);
    expect(logs.some((l) => l.includes('data channel lost'))).toBe(true);
    expect(detectedMs).toBeLessThan(10_000);
    const lines = text.match(/line-\d+(?=\r\n)/g);
    expect(lines).toEqual(Array.from({ length: 400 }, (_, i) => `line-${i + 1}`));
    // And the shell is still usable.
    shell.write('echo after-$((2+2))\r');
    await waitFor(/after-4\r\n/);
    shell.close();
  }, 30_000);

  it('ends with a code when the session is gone by the time the connection comes back', async () => {
    const { session, streamUrl } = h.start();
    const channel = new DataChannelClient({
      sessionId: session.sessionId,
      streamUrl: streamUrl.replace(/:\d+\//, `:${proxy.port}/`),
      tokenValue: session.tokenValue,
      // ResumeSession found nothing to resume (Session Manager ended it meanwhile).
      resume: async () => undefined,
      pingIntervalMs: 250,
      livenessTimeoutMs: 500,
    });
    const ended = new Promise<ChannelEnd>((resolve) => channel.onDidEnd(resolve));
    await channel.open();
    proxy.freeze();
    // History and the window word this end from the code; the English stays for the CLI and logs.
    expect(await ended).toEqual({ reason: 'closed', output: ENDED_WHILE_DISCONNECTED, code: 'ended-while-disconnected' });
  }, 30_000);
});
