// The SSH login's questions in the user's own terminal, the way OpenSSH asks them: a new host
// key's fingerprint with "yes/no" (only a typed "yes" trusts it), and keyboard-interactive prompts
// (a TOTP code) read without echo when the server says so. Questions go to stderr, so a script
// reading stdout sees only the remote shell.
import type { HostKeyQuestion, KeyboardInteractiveQuestion, SshPrompter } from '../../ssh/types';
import type { TerminalIo } from '../terminal/terminalIo';

/** Reads one line; with echo off (a TTY in raw mode) nothing typed is shown. Undefined on Ctrl-C / end of input. */
export function readLine(term: TerminalIo, echo: boolean): Promise<string | undefined> {
  const { input } = term;
  const raw = Boolean(input.isTTY && input.setRawMode);
  return new Promise((resolve) => {
    let line = '';
    const finish = (value: string | undefined) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      if (raw) input.setRawMode!(false);
      input.pause();
      term.notice('\r\n');
      resolve(value);
    };
    const onEnd = () => finish(line.length > 0 ? line : undefined);
    const onData = (data: Buffer | string) => {
      const chars = [...(typeof data === 'string' ? data : data.toString('utf8'))];
      for (const [i, ch] of chars.entries()) {
        if (ch === '\r' || ch === '\n') {
          // What was typed ahead (the next answer, or keys for the shell) stays for its reader.
          const rest = chars.slice(i + 1).join('').replace(/^\n/, '');
          finish(line);
          if (rest) input.unshift(Buffer.from(rest));
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') return finish(undefined);
        if (ch === '\u007f' || ch === '\b') {
          if (line.length > 0) {
            line = line.slice(0, -1);
            if (echo && raw) term.notice('\b \b');
          }
          continue;
        }
        line += ch;
        if (echo && raw) term.notice(ch);
      }
    };
    if (raw) input.setRawMode!(true);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

export function terminalPrompter(term: TerminalIo): SshPrompter {
  return {
    async confirmHostKey(q: HostKeyQuestion) {
      term.notice(
        [
          `The authenticity of host '${q.host}' can't be established.`,
          `${q.keyType} key fingerprint is ${q.fingerprint}.`,
          q.otherTypes.length ? `Keys of other types (${q.otherTypes.join(', ')}) are known for this host.` : 'This key is not known by any other names.',
          `If you trust it, Fumidai saves it as '${q.hostKeyName}' in its own known-hosts file.`,
          'Are you sure you want to continue connecting (yes/no)? ',
        ].join('\r\n'),
      );
      for (;;) {
        const answer = (await readLine(term, true))?.trim().toLowerCase();
        if (answer === 'yes') return true;
        if (answer === undefined || answer === 'no' || answer === 'n') return false;
        term.notice("Please type 'yes' or 'no': ");
      }
    },
    async keyboardInteractive(q: KeyboardInteractiveQuestion) {
      if (q.name) term.notice(`${q.name} (${q.host})\r\n`);
      if (q.instructions) term.notice(`${q.instructions.replace(/\r?\n/g, '\r\n')}\r\n`);
      const answers: string[] = [];
      for (const p of q.prompts) {
        term.notice(p.prompt || 'Response: ');
        const answer = await readLine(term, p.echo);
        if (answer === undefined) return undefined;
        answers.push(answer);
      }
      return answers;
    },
  };
}
