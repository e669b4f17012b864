import { describe, expect, it, vi } from 'vitest';
import { findAppLinks, LaunchLinkQueue } from './launchLinks';

vi.mock('electron', () => ({}));

describe('findAppLinks', () => {
  it('finds fumidai:// links anywhere in argv, whatever Chromium put before them', () => {
    const argv = ['/opt/Fumidai/fumidai', '--no-sandbox', '--allow-file-access-from-files', 'FUMIDAI://connect/i-0abc', '--', 'fumidai://open?x=1'];
    expect(findAppLinks(argv)).toEqual(['FUMIDAI://connect/i-0abc', 'fumidai://open?x=1']);
  });

  it('ignores look-alikes, other schemes and absurdly long arguments', () => {
    expect(findAppLinks(['fumidaix://a', 'https://fumidai.dev', '--url=fumidai://a', `fumidai://${'a'.repeat(9000)}`])).toEqual([]);
  });
});

describe('LaunchLinkQueue', () => {
  it('holds links until consumed, then delivers in order and passes later ones straight through', () => {
    const q = new LaunchLinkQueue();
    q.push('fumidai://one');
    q.push('fumidai://two');
    const got: string[] = [];
    const off = q.consume((u) => got.push(u));
    q.push('fumidai://three');
    expect(got).toEqual(['fumidai://one', 'fumidai://two', 'fumidai://three']);
    off();
    q.push('fumidai://four');
    expect(got).toHaveLength(3);
    expect(q.size).toBe(1);
  });

  it('keeps only the newest links when nobody consumes them', () => {
    const q = new LaunchLinkQueue(2);
    for (const n of [1, 2, 3]) q.push(`fumidai://${n}`);
    const got: string[] = [];
    q.consume((u) => got.push(u));
    expect(got).toEqual(['fumidai://2', 'fumidai://3']);
  });
});
