import { describe, expect, it } from 'vitest';
import { nextFontSize, openableLink, terminalAction, type KeyLike } from './terminalKeys';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ type: 'keydown', key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('terminalAction', () => {
  it('uses Ctrl+Shift for copy and paste on Linux and Windows, leaving Ctrl+C and Ctrl+V to the shell', () => {
    expect(terminalAction(key('C', { ctrlKey: true, shiftKey: true }), false, false)).toBe('copy');
    expect(terminalAction(key('V', { ctrlKey: true, shiftKey: true }), false, false)).toBe('paste');
    expect(terminalAction(key('c', { ctrlKey: true }), false, false)).toBeUndefined();
    expect(terminalAction(key('v', { ctrlKey: true }), false, false)).toBeUndefined();
    // With a selection, Ctrl+C copies it instead of interrupting.
    expect(terminalAction(key('c', { ctrlKey: true }), false, true)).toBe('copy');
  });

  it('uses Cmd on macOS, so Ctrl stays the shell’s', () => {
    expect(terminalAction(key('c', { metaKey: true }), true, true)).toBe('copy');
    expect(terminalAction(key('v', { metaKey: true }), true, false)).toBe('paste');
    expect(terminalAction(key('f', { metaKey: true }), true, false)).toBe('find');
    expect(terminalAction(key('c', { ctrlKey: true }), true, true)).toBeUndefined();
    expect(terminalAction(key('f', { ctrlKey: true }), true, false)).toBeUndefined();
  });

  it('opens find and changes the font size, and ignores key-ups, Alt chords and plain keys', () => {
    expect(terminalAction(key('f', { ctrlKey: true }), false, false)).toBe('find');
    expect(terminalAction(key('F', { ctrlKey: true, shiftKey: true }), false, false)).toBe('find');
    expect(terminalAction(key('=', { ctrlKey: true }), false, false)).toBe('zoomIn');
    expect(terminalAction(key('+', { ctrlKey: true, shiftKey: true }), false, false)).toBe('zoomIn');
    expect(terminalAction(key('-', { ctrlKey: true }), false, false)).toBe('zoomOut');
    expect(terminalAction(key('0', { ctrlKey: true }), false, false)).toBe('zoomReset');
    expect(terminalAction({ ...key('f', { ctrlKey: true }), type: 'keyup' }, false, false)).toBeUndefined();
    expect(terminalAction(key('f', { ctrlKey: true, altKey: true }), false, false)).toBeUndefined();
    expect(terminalAction(key('f'), false, false)).toBeUndefined();
  });
});

describe('nextFontSize', () => {
  it('steps by one within 8–32 and resets to 13', () => {
    expect(nextFontSize(13, 'zoomIn')).toBe(14);
    expect(nextFontSize(32, 'zoomIn')).toBe(32);
    expect(nextFontSize(8, 'zoomOut')).toBe(8);
    expect(nextFontSize(20, 'zoomReset')).toBe(13);
  });
});

describe('openableLink', () => {
  it('opens only http and https links without credentials', () => {
    expect(openableLink('https://console.aws.amazon.com/ec2')).toBe('https://console.aws.amazon.com/ec2');
    expect(openableLink('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>', 'vbscript:x', 'https://user:pw@example.com/', 'not a url', '']) {
      expect(openableLink(bad), bad).toBeUndefined();
    }
  });
});
