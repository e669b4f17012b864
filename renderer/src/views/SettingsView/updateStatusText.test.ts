import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../../common/api/updates';
import { FEED_URL_PROBLEM_TEXT, type FeedUrlProblem } from '../../../../common/updates/feed';
import { createTranslator } from '../../i18n/i18n';
import { feedProblemText, restartBlockedText, updateStatusText } from './updateStatusText';

const base: UpdateStatus = { currentVersion: '1.0.0', state: 'idle', feedUrl: 'https://downloads.fumidai.dev/releases', feedSource: 'installer', liveSessions: 0 };
const en = createTranslator('en');
const ja = createTranslator('ja');
const AT = Date.UTC(2026, 11, 6, 9, 30);

describe('updateStatusText', () => {
  it.each<[Partial<UpdateStatus>, string]>([
    [{ state: 'idle' }, 'Not checked yet.'],
    [{ state: 'checking' }, 'Checking https://downloads.fumidai.dev/releases for a newer version…'],
    [{ state: 'downloading', version: '1.2.0', percent: 42 }, 'Downloading version 1.2.0… 42%'],
    [{ state: 'ready', version: '1.2.0' }, 'Version 1.2.0 is downloaded. Restart Fumidai to use it, or it installs the next time you quit.'],
    [{ state: 'failed', error: 'HTTP 503' }, 'The last check failed: HTTP 503'],
    [{ state: 'unavailable', unavailableReason: 'development' }, 'Updates are off in a development build. Install Fumidai from a release to get them.'],
    [{ state: 'unavailable', unavailableReason: 'browser-mode' }, 'Updates are off in browser mode. The desktop app updates itself.'],
  ])('%j', (patch, text) => {
    expect(updateStatusText({ ...base, ...patch }, en, 'en')).toBe(text);
  });

  it('says when it was checked and when it retries, in the reader’s locale', () => {
    expect(updateStatusText({ ...base, state: 'up-to-date', lastCheckedAt: AT }, en, 'en')).toMatch(/^Fumidai is up to date \(checked 6 Dec 2026, \d\d:30\)\.$/);
    expect(updateStatusText({ ...base, state: 'failed', error: 'HTTP 503', nextCheckAt: AT }, ja, 'ja')).toMatch(/^前回の確認に失敗しました: HTTP 503。2026\/12\/06 \d{1,2}:30 にもう一度確認します。$/);
    expect(updateStatusText({ ...base, state: 'unavailable', unavailableReason: 'not-installable' }, ja, 'ja')).toContain('自動で更新できません');
  });

  it('holds the restart back while sessions are live, and says how many', () => {
    expect(restartBlockedText({ ...base, state: 'ready', version: '1.2.0' }, en)).toBeUndefined();
    expect(restartBlockedText({ ...base, state: 'ready', version: '1.2.0', liveSessions: 1 }, en)).toBe('A restart would cut the open session. Close it first, or the update installs when you quit.');
    expect(restartBlockedText({ ...base, state: 'ready', version: '1.2.0', liveSessions: 3 }, ja)).toContain('3 件のセッション');
    expect(restartBlockedText({ ...base, state: 'up-to-date', liveSessions: 3 }, en)).toBeUndefined();
  });

  it('words every feed problem in both languages', () => {
    for (const problem of Object.keys(FEED_URL_PROBLEM_TEXT) as FeedUrlProblem[]) {
      const words = feedProblemText(problem, en);
      expect(words, problem).not.toContain('settings.updates');
      expect(feedProblemText(problem, ja), problem).not.toBe(words);
    }
  });
});
