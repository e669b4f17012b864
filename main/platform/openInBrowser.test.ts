import { describe, expect, it } from 'vitest';
import { openInBrowser, openerFor } from './openInBrowser';

describe('openInBrowser', () => {
  it('passes the URL as one argument to the OS opener', () => {
    const url = 'https://d-1.awsapps.com/start?a=1&b=$(rm -rf ~)';
    expect(openerFor('linux').args(url)).toEqual([url]);
    expect(openerFor('darwin').command).toBe('open');
    expect(openerFor('win32').args(url)).toEqual(['url.dll,FileProtocolHandler', url]);
  });

  it('refuses non-web URLs', async () => {
    await expect(openInBrowser('file:///etc/passwd')).rejects.toThrow('file:');
    await expect(openInBrowser('not a url')).rejects.toThrow();
  });
});
