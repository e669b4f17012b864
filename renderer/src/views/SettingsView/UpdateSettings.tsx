// Settings → Updates: where this copy stands against its release feed, "Check now", "Restart now"
// (held back while sessions are live, with the reason), automatic checks, and the feed itself — the
// installer's, or a company mirror. A mistyped feed stays in the box with what to fix.
import { useEffect, useRef, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue, Result } from '../../../../common/api/errors';
import type { Settings, SettingsPatch } from '../../../../common/api/settings';
import type { UpdateStatus } from '../../../../common/api/updates';
import { checkFeedUrl, DEFAULT_UPDATE_FEED_URL } from '../../../../common/updates/feed';
import { useI18n } from '../../i18n/i18n';
import { feedProblemText, restartBlockedText, updateStatusText } from './updateStatusText';

interface Props {
  updates: Settings['updates'];
  onChange: (patch: SettingsPatch) => Promise<Result<Settings>>;
  client: FumidaiClient;
  onError: (e: ErrorValue) => void;
  /** Changes when something asks for this section (a refused restart from the tray): it scrolls into view. */
  focusRequest?: number;
}

export function UpdateSettings({ updates, onChange, client, onError, focusRequest }: Props) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<UpdateStatus | undefined>(undefined);
  const [feed, setFeed] = useState(updates.feedUrl);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    void client.updates.status().then((r) => (r.ok ? setStatus(r.value) : onError(r)));
    return client.updates.onDidChangeStatus(setStatus);
  }, [client, onError]);
  useEffect(() => {
    setFeed(updates.feedUrl);
    setProblem(undefined);
  }, [updates.feedUrl]);
  useEffect(() => {
    if (focusRequest) section.current?.scrollIntoView({ block: 'start' });
  }, [focusRequest]);

  const commitFeed = async (value: string) => {
    const text = value.trim();
    if (text !== '') {
      const verdict = checkFeedUrl(text);
      if (!verdict.ok) return setProblem(feedProblemText(verdict.problem, t));
      if (verdict.url === updates.feedUrl) return setProblem(undefined);
    } else if (updates.feedUrl === '') return setProblem(undefined);
    setProblem(undefined);
    const r = await onChange({ updates: { feedUrl: text } });
    if (!r.ok) setProblem(r.message);
  };
  const run = async (call: () => Promise<Result<unknown>>) => {
    const r = await call();
    if (!r.ok) onError(r);
  };

  const busy = status?.state === 'checking' || status?.state === 'downloading';
  const blocked = status ? restartBlockedText(status, t) : undefined;
  return (
    <section ref={section} className="settings__section" aria-labelledby="settings-updates" data-testid="settings-updates">
      <h2 id="settings-updates">{t('settings.updates')}</h2>
      {status && (
        <div className="field" aria-live="polite">
          <span className="field__label">{t('settings.updates.current', { version: status.currentVersion })}</span>
          <span data-testid="update-status">{updateStatusText(status, t, locale)}</span>
          {status.state === 'downloading' && <progress max={100} value={status.percent ?? 0} aria-label={t('settings.updates.downloading', { version: status.version ?? '', percent: status.percent ?? 0 })} />}
          {blocked && (
            <span className="field__hint" data-testid="update-restart-blocked">
              {blocked}
            </span>
          )}
          <span className="field__actions">
            {status.state === 'ready' ? (
              <button type="button" className="button" data-testid="update-restart" disabled={blocked !== undefined} onClick={() => void run(() => client.updates.install())}>
                {t('settings.updates.restart')}
              </button>
            ) : (
              <button type="button" className="button" data-testid="update-check" disabled={status.state === 'unavailable' || busy} onClick={() => void run(() => client.updates.checkNow())}>
                {t('settings.updates.checkNow')}
              </button>
            )}
          </span>
        </div>
      )}
      <label className="field field--checkbox">
        <input type="checkbox" checked={updates.automatic} data-testid="settings-updates-automatic" onChange={(e) => void onChange({ updates: { automatic: e.target.checked } })} />
        <span>{t('settings.updates.automatic')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('settings.updates.feed')}</span>
        <input
          type="url"
          value={feed}
          spellCheck={false}
          placeholder={DEFAULT_UPDATE_FEED_URL}
          data-testid="settings-update-feed"
          aria-invalid={problem ? true : undefined}
          aria-describedby="settings-update-feed-hint"
          onChange={(e) => setFeed(e.target.value)}
          onBlur={() => void commitFeed(feed)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commitFeed(feed);
            if (e.key === 'Escape') {
              setFeed(updates.feedUrl);
              setProblem(undefined);
            }
          }}
        />
        <span id="settings-update-feed-hint" className={problem ? 'field__error' : 'field__hint'} role={problem ? 'alert' : undefined} data-testid="settings-update-feed-hint">
          {problem ?? (updates.feedUrl ? t('settings.updates.feed.inUse', { feed: updates.feedUrl }) : t('settings.updates.feed.hint', { feed: DEFAULT_UPDATE_FEED_URL }))}
        </span>
      </label>
      {updates.feedUrl !== '' && (
        <div className="field">
          <span className="field__actions">
            <button type="button" className="button button--small" onClick={() => void commitFeed('')}>
              {t('settings.updates.feed.reset')}
            </button>
          </span>
        </div>
      )}
    </section>
  );
}
