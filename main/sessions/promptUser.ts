// Which OS user a shell runs as. Session Manager decides it on the agent's side (the principal's
// SSMSessionRunAs tag, the preferences document's default, else ssm-user) and never tells the
// client, but every common shell prompt names it (`ops@ip-10-0-1-5:~$`, `[ec2-user@web ~]$`).
// We read it from the first prompt only: later output is the user's and proves nothing.
import { StringDecoder } from 'node:string_decoder';

/** How much of a session's first output is searched for the prompt. */
export const PROMPT_SEARCH_BYTES = 16 * 1024;

// CSI / OSC / other escape sequences, so colour prompts and window-title sequences do not hide it.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
// POSIX-ish user names (what useradd accepts by default), then a host name and a prompt marker.
const PROMPT = /(?:^|[\r\n])[ \t]*\[?([a-z_][a-z0-9_-]{0,31})@[A-Za-z0-9][A-Za-z0-9.-]{0,252}(?:[:\s][^\r\n]{0,200})?[$#%>]\s?$/m;

/** The user a prompt line names, if the text holds one. */
export function promptUser(text: string): string | undefined {
  const clean = text.replace(ESCAPES, '');
  return PROMPT.exec(clean)?.[1];
}

/** Feed it output until it answers (or gives up after PROMPT_SEARCH_BYTES). */
export class PromptUserDetector {
  private readonly decoder = new StringDecoder('utf8');
  private text = '';
  private seen = 0;
  private done = false;

  /** Returns the user once found (exactly once), otherwise undefined. */
  push(chunk: Uint8Array): string | undefined {
    if (this.done) return undefined;
    this.seen += chunk.byteLength;
    this.text += this.decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const user = promptUser(this.text);
    if (user || this.seen >= PROMPT_SEARCH_BYTES) {
      this.done = true;
      this.text = '';
    }
    return user;
  }

  get finished(): boolean {
    return this.done;
  }
}
