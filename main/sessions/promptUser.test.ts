import { describe, expect, it } from 'vitest';
import { PROMPT_SEARCH_BYTES, PromptUserDetector, promptUser } from './promptUser';

describe('promptUser', () => {
  it('reads the user from common prompts, colour and title sequences included', () => {
    expect(promptUser('ops@ip-10-0-1-5:~$ ')).toBe('ops');
    expect(promptUser('Last login: today\r\n[ec2-user@web-1 ~]$ ')).toBe('ec2-user');
    expect(promptUser('\x1b]0;root@db: /root\x07\x1b[01;32mroot@db\x1b[00m:\x1b[01;34m/root\x1b[00m# ')).toBe('root');
    expect(promptUser('ssm-user@dev-app-1:/usr/bin$')).toBe('ssm-user');
  });

  it('answers nothing for prompts that do not name a user, or for ordinary output', () => {
    expect(promptUser('sh-4.2$ ')).toBeUndefined();
    expect(promptUser('mail alice@example.com about it\r\n')).toBeUndefined();
    expect(promptUser('')).toBeUndefined();
  });
});

describe('PromptUserDetector', () => {
  it('finds a prompt split across chunks (and a split UTF-8 character) once', () => {
    const d = new PromptUserDetector();
    const bytes = Buffer.from('ようこそ\r\nops@web:~$ ');
    expect(d.push(bytes.subarray(0, 4))).toBeUndefined();
    expect(d.push(bytes.subarray(4, 20))).toBeUndefined();
    expect(d.push(bytes.subarray(20))).toBe('ops');
    expect(d.finished).toBe(true);
    expect(d.push(Buffer.from('\r\nroot@web:~# '))).toBeUndefined();
  });

  it('gives up after the first bytes of output, so later output cannot claim a user', () => {
    const d = new PromptUserDetector();
    d.push(Buffer.alloc(PROMPT_SEARCH_BYTES, 0x61));
    expect(d.finished).toBe(true);
    expect(d.push(Buffer.from('\r\nroot@x:~# '))).toBeUndefined();
  });
});
