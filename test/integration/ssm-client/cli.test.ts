// `fumidai exec` and `fumidai forward` against the emulated agent, and the commands' usage errors.
import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../datachannel/helpers/harness';
import { execCommand } from '../../../main/cli/commands/exec';
import { forwardCommand } from '../../../main/cli/commands/forward';
import { connectCommand } from '../../../main/cli/commands/connect';
import type { TerminalIo } from '../../../main/cli/terminal/terminalIo';
import { captureIo, fakeServices, harnessDeps } from './helpers/cliWiring';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const who = ['--account', '111122223333', '--role', 'Admin', '--region', 'eu-west-1'];

function pipeTerminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  let notices = '';
  const term: TerminalIo = { input, output, notice: (t) => void (notices += t) };
  return { term, input, text: () => text, notices: () => notices };
}

describe('fumidai exec', () => {
  it('keeps stdout and stderr apart and returns the exit code', async () => {
    const out = pipeTerminal();
    const cmd = execCommand(fakeServices(), harnessDeps(h, { terminal: () => out.term }));
    const c = captureIo();
    const code = await cmd.run(['i-0123456789abcdef0', ...who, '--', 'echo to-out; echo to-err >&2; exit 7'], c.io);
    expect(code).toBe(7);
    expect(out.text()).toBe('to-out\n');
    expect(c.stderr()).toBe('to-err\n');
  });

  it('runs with a terminal when asked (--tty)', async () => {
    const out = pipeTerminal();
    const cmd = execCommand(fakeServices(), harnessDeps(h, { terminal: () => out.term }));
    const code = await cmd.run(['i-0123456789abcdef0', ...who, '--tty', '--', 'sleep 0.5; stty size; exit 4'], captureIo().io);
    expect(code).toBe(4);
    expect(out.text()).toContain('100 300'); // no TTY here: the plugin's 300×100
  });

  it('runs on the instance a Name tag names, and refuses a name several instances share', async () => {
    const out = pipeTerminal();
    const found = [{ instanceId: 'i-0123456789abcdef0', state: 'running' }];
    const lookupName = async (name: string) => (name === 'web-1' ? found : [...found, { instanceId: 'i-0fedcba9876543210', state: 'stopped', privateIp: '10.0.1.9' }]);
    const cmd = execCommand(fakeServices(), { ...harnessDeps(h, { terminal: () => out.term }), lookupName });
    expect(await cmd.run(['web-1', ...who, '--', 'echo by-name'], captureIo().io)).toBe(0);
    expect(out.text()).toBe('by-name\n');
    await expect(cmd.run(['web', ...who, '--', 'true'], captureIo().io)).rejects.toThrow(
      "'web' names 2 instances in account 111122223333, region eu-west-1: i-0123456789abcdef0 (running), i-0fedcba9876543210 (stopped, 10.0.1.9). Give the instance id instead.",
    );
  });

  it('explains usage mistakes with exit code 2', async () => {
    const cmd = execCommand(fakeServices(), harnessDeps(h));
    const cases: Array<[string[], RegExp]> = [
      [['i-0123456789abcdef0', ...who], /give the command after --/],
      [['web\u0007', ...who, '--', 'true'], /is neither an instance id \(i-… or mi-…\) nor an instance name/],
      [['i-0123456789abcdef0', '--account', '12', '--role', 'A', '--', 'true'], /--account must be the 12-digit account id/],
      [['i-0123456789abcdef0', '--account', '111122223333', '--', 'true'], /--role is required/],
      [['i-0123456789abcdef0', ...who.slice(0, 4), '--region', 'mars', '--', 'true'], /'mars' is not a region name/],
    ];
    for (const [args, message] of cases) {
      const c = captureIo();
      expect(await cmd.run(args, c.io)).toBe(2);
      expect(c.stderr()).toMatch(message);
    }
  });
});

describe('fumidai forward', () => {
  it('forwards until interrupted, then stops the session and reports the traffic', async () => {
    const deps = harnessDeps(h);
    const cmd = forwardCommand(fakeServices(), deps);
    const c = captureIo();
    const running = cmd.run(['i-0123456789abcdef0', ...who, '--remote-port', '7'], c.io);
    while (!/Forwarding 127\.0\.0\.1:(\d+)/.test(c.stdout())) await new Promise((r) => setTimeout(r, 10));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(c.stdout())![1]);
    expect(c.stdout()).toContain('→ i-0123456789abcdef0:7 through i-0123456789abcdef0');
    const echoed = await new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => s.write('ping through fumidai'));
      s.on('data', (d) => {
        resolve(d.toString());
        s.destroy();
      });
      s.on('error', reject);
    });
    expect(echoed).toBe('ping through fumidai');
    c.interrupt();
    expect(await running).toBe(0);
    expect(c.stdout()).toMatch(/Stopped\. 1 connections, 20 bytes sent, 20 bytes received\./);
    expect(c.stderr()).toMatch(/connection accepted from 127\.0\.0\.1:\d+ \(stream 3\)/);
  });

  it('rejects bad ports before starting anything', async () => {
    const cmd = forwardCommand(fakeServices(), harnessDeps(h));
    for (const [args, message] of [
      [['i-0123456789abcdef0', ...who], /--remote-port is required/],
      [['i-0123456789abcdef0', ...who, '--remote-port', '0'], /--remote-port must be a port number from 1 to 65535/],
      [['i-0123456789abcdef0', ...who, '--remote-port', '22', '--local-port', '70000'], /--local-port must be a port number from 0 to 65535/],
    ] as Array<[string[], RegExp]>) {
      const c = captureIo();
      expect(await cmd.run(args, c.io)).toBe(2);
      expect(c.stderr()).toMatch(message);
    }
  });
});

describe('fumidai connect (piped, no TTY)', () => {
  it('runs a shell from piped input and returns the remote exit code', async () => {
    const t = pipeTerminal();
    const cmd = connectCommand(fakeServices(), harnessDeps(h, { terminal: () => t.term }));
    const running = cmd.run(['i-0123456789abcdef0', ...who, '--reason', 'INC-1234'], captureIo().io);
    while (!/\$ $/.test(t.text())) await new Promise((r) => setTimeout(r, 20));
    t.input.write('echo $((6*7))\r');
    while (!/[\r\n]42\r\n/.test(t.text())) await new Promise((r) => setTimeout(r, 20));
    t.input.write('exit 5\r');
    expect(await running).toBe(5);
    expect(t.notices()).toMatch(/Starting session with SessionId: \S+/);
    expect(t.notices()).toMatch(/Exiting session with sessionId: \S+\./);
  });
});
