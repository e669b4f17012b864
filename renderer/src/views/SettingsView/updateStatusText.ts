// What the Updates section says about the update status: one sentence for the state, and why a
// restart has to wait. Pure, so each state's wording is tested without rendering.
import type { UpdateStatus } from '../../../../common/api/updates';
import type { FeedUrlProblem } from '../../../../common/updates/feed';
import type { Locale, MessageKey, Translate } from '../../i18n/i18n';

const when = (ms: number, locale: Locale) => new Date(ms).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function updateStatusText(s: UpdateStatus, t: Translate, locale: Locale): string {
  switch (s.state) {
    case 'unavailable':
      return t(`settings.updates.unavailable.${s.unavailableReason ?? 'not-installable'}` as MessageKey);
    case 'idle':
      return t('settings.updates.idle');
    case 'checking':
      return t('settings.updates.checking', { feed: s.feedUrl });
    case 'downloading':
      return t('settings.updates.downloading', { version: s.version ?? '', percent: s.percent ?? 0 });
    case 'up-to-date':
      return t('settings.updates.upToDate', { time: when(s.lastCheckedAt ?? Date.now(), locale) });
    case 'ready':
      return t('settings.updates.ready', { version: s.version ?? '' });
    case 'failed':
      return s.nextCheckAt !== undefined
        ? t('settings.updates.failed.retry', { error: s.error ?? '', time: when(s.nextCheckAt, locale) })
        : t('settings.updates.failed', { error: s.error ?? '' });
  }
}

/** Why "Restart now" is unavailable, or undefined when it is available. */
export function restartBlockedText(s: UpdateStatus, t: Translate): string | undefined {
  if (s.state !== 'ready') return undefined;
  return s.liveSessions > 0 ? t('settings.updates.restart.blocked', { count: s.liveSessions }) : undefined;
}

export function feedProblemText(problem: FeedUrlProblem, t: Translate): string {
  return t(`settings.updates.feed.problem.${problem}` as MessageKey);
}
