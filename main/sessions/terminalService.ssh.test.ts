// SSH tabs in TerminalService with a scripted opener: the tab exists at once, each question is its
// summary's prompt until answered, a wrong prompt id is refused, closing the tab while it asks
// cancels the login, and a failed login ends the stream with its code.
import { describe, expect, it } from 'vitest';
import type { StreamEnd } from '../../common/api/contract';
import { FumidaiError } from '../../common/api/errors';
import { Emitter } from '../../common/event';
import type { TerminalSummary } from '../../common/api/sessions';
import type { ShellEnd, TerminalShell } from './terminalShell';
import { TerminalService, type SshShellOpener } from './terminalService';

const input = { ssoSessionId: 'acme', accountId: '111111111111', roleName: 'Ops', region: 'eu-west-1', instanceId: 'i-0a11111111111111d', via: 'bastion' as const, cols: 80, rows: 24 };

/** A shell whose output the test controls. */
function fakeShell() {
  const output = new Emitter<Buffer>();
  const end = new Emitter<ShellEnd>();
  const shell: TerminalShell & { held: boolean } = {
    held: true,
    onDidOutput: output.event,
    onDidWrite: new Emitter<Buffer>().event,
    onDidResize: new Emitter<{ cols: number; rows: number }>().event,
    onDidEnd: end.event,
    terminalSize: { cols: 80, rows: 24 },
    write: () => {},
    resize: () => {},
    pause: () => void (shell.held = true),
    resume: () => void (shell.held = false),
    close: () => end.fire({ reason: 'terminated' }),
  };
  return { shell, output, end };
}

function service(opener: SshShellOpener) {
  const credentials = { provider: () => async () => ({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c', expiration: new Date(Date.now() + 3600_000) }) };
  return new TerminalService({ credentials, ssh: opener });
}

describe('TerminalService SSH tabs', () => {
  it('publishes each question as the prompt, takes the answer once, then goes live and streams', async () => {
    const { shell, output, end } = fakeShell();
    let answers: string[] | undefined;
    const svc = service({
      async open(_input, prompter) {
        expect(await prompter.confirmHostKey({ host: 'bastion', hostKeyName: 'i-0b', keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', otherTypes: [] })).toBe(true);
        answers = await prompter.keyboardInteractive({ host: 'bastion', name: '', instructions: '', prompts: [{ prompt: 'Code: ', echo: false }] });
        return { shell, osUser: 'ec2-user', via: 'prod-bastion', viaKind: 'bastion' as const, close: () => shell.close() };
      },
    });
    const changes: TerminalSummary[] = [];
    svc.onDidChange((s) => changes.push(s));
    const { meta, source } = svc.openSsh(input);
    expect(meta).toMatchObject({ kind: 'ssh', state: 'connecting' });
    let text = '';
    source.onData((c) => (text += Buffer.from(c).toString()));
    const ended = new Promise<StreamEnd>((r) => source.onEnd(r));

    await expect.poll(() => svc.list()[0]?.prompt?.kind).toBe('host-key');
    const hostKey = svc.list()[0]!.prompt!;
    expect(() => svc.answerPrompt(meta.terminalId, 'p999', true)).toThrow(/no longer open/);
    svc.answerPrompt(meta.terminalId, hostKey.promptId, true);
    await expect.poll(() => svc.list()[0]?.prompt?.kind).toBe('keyboard-interactive');
    svc.answerPrompt(meta.terminalId, svc.list()[0]!.prompt!.promptId, true, ['123456']);
    expect(() => svc.answerPrompt(meta.terminalId, hostKey.promptId, true)).toThrow(/no longer open/);
    await expect.poll(() => svc.list()[0]?.state).toBe('live');
    expect(answers).toEqual(['123456']);
    expect(svc.list()[0]).toMatchObject({ osUser: 'ec2-user', via: 'prod-bastion', viaKind: 'bastion' });
    expect(svc.list()[0]).not.toHaveProperty('prompt');
    // The output held until the tab was attached is released; the end is the shell's exit code.
    expect(shell.held).toBe(false);
    output.fire(Buffer.from('ec2-user@host:~$ '));
    expect(text).toBe('ec2-user@host:~$ ');
    end.fire({ reason: 'closed', exitCode: 2 });
    expect(await ended).toEqual({ reason: 'exit', exitCode: 2 });
    expect(JSON.stringify(changes)).not.toContain('123456');
  });

  it('cancels the login when the tab is closed while it asks', async () => {
    let signal: AbortSignal | undefined;
    const svc = service({
      async open(_input, prompter, s) {
        signal = s;
        const answer = await prompter.keyboardInteractive({ host: 'bastion', name: '', instructions: '', prompts: [{ prompt: 'Code: ', echo: false }] });
        expect(answer).toBeUndefined();
        throw new FumidaiError('Cancelled', 'The login to bastion was cancelled at its verification prompt.');
      },
    });
    const { meta, source } = svc.openSsh(input);
    const ended = new Promise<StreamEnd>((r) => source.onEnd(r));
    await expect.poll(() => svc.list()[0]?.prompt).toBeDefined();
    await svc.terminate(meta.terminalId);
    expect(signal?.aborted).toBe(true);
    expect(await ended).toMatchObject({ reason: 'closed', code: 'Cancelled' });
    expect(svc.list()[0]).toMatchObject({ state: 'ended', endCode: 'Cancelled' });
  });

  it('ends the tab with the failure a person must read (a changed host key)', async () => {
    const svc = service({
      async open() {
        throw new FumidaiError('HostKeyMismatch', 'The host key of bastion has CHANGED.');
      },
    });
    const { source } = svc.openSsh(input);
    const end = await new Promise<StreamEnd>((r) => source.onEnd(r));
    expect(end).toEqual({ reason: 'error', code: 'HostKeyMismatch', message: 'The host key of bastion has CHANGED.' });
    expect(svc.list()[0]).toMatchObject({ state: 'ended', endCode: 'HostKeyMismatch', endReason: 'The host key of bastion has CHANGED.' });
  });

  it('says so when this build has no SSH', () => {
    const svc = new TerminalService({ credentials: { provider: () => async () => ({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c', expiration: new Date(Date.now() + 3600_000) }) } });
    expect(() => svc.openSsh(input)).toThrow(/not available/);
  });
});
