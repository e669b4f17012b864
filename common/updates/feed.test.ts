import { describe, expect, it } from 'vitest';
import { checkFeedUrl, FEED_URL_MAX } from './feed';

describe('checkFeedUrl', () => {
  it('accepts https folders and normalises the trailing slash away', () => {
    expect(checkFeedUrl(' https://mirror.example.com/fumidai/ ')).toEqual({ ok: true, url: 'https://mirror.example.com/fumidai' });
    expect(checkFeedUrl('https://mirror.example.com')).toEqual({ ok: true, url: 'https://mirror.example.com' });
  });

  it('allows plain http only on this computer', () => {
    expect(checkFeedUrl('http://127.0.0.1:8080/feed')).toEqual({ ok: true, url: 'http://127.0.0.1:8080/feed' });
    expect(checkFeedUrl('http://localhost/feed').ok).toBe(true);
    expect(checkFeedUrl('http://[::1]:9/feed').ok).toBe(true);
    expect(checkFeedUrl('http://mirror.example.com/feed')).toEqual({ ok: false, problem: 'plain-http' });
  });

  it.each([
    ['not a url', 'not-a-url'],
    ['', 'not-a-url'],
    ['mirror.example.com/feed', 'not-a-url'],
    ['ftp://mirror.example.com/feed', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:secret@mirror.example.com/feed', 'credentials'],
    ['https://token@mirror.example.com/feed', 'credentials'],
    ['https://mirror.example.com/feed?token=1', 'query-or-fragment'],
    ['https://mirror.example.com/feed#x', 'query-or-fragment'],
    ['https://mirror.example.com/feed?', 'query-or-fragment'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(checkFeedUrl(input)).toEqual({ ok: false, problem });
  });

  it('refuses an oversized address before parsing it', () => {
    expect(checkFeedUrl(`https://example.com/${'a'.repeat(FEED_URL_MAX)}`)).toEqual({ ok: false, problem: 'too-long' });
  });
});
