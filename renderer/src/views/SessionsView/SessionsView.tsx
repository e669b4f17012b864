// Sessions: an overview of every live shell and port forward (with traffic and a stop button),
// then one tab per terminal — instance name, account, environment colour, the OS user the shell
// runs as and its state (connecting, live, reconnecting…, ended with its exit code). Production
// tabs get a red frame. An ended tab can be reopened in place; tabs restored from the last run
// wait, and production ones ask for a reason again.
import { useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import { useI18n } from '../../i18n/i18n';
import { useTerminals, type TerminalTabInfo } from '../../terminals/terminalsStore';
import { TerminalTab } from '../../terminals/TerminalTab';
import { tabState } from '../../terminals/tabModel';
import { viaText } from '../../terminals/viaText';
import { useReasonPrompt } from '../../components/useReasonPrompt';
import { SessionsOverview } from './SessionsOverview';

interface Props {
  client: FumidaiClient;
  fontSize: number;
  scrollback: number;
  clipboardWrite?: boolean;
  mac: boolean;
  /** Bumped when the overview should show (a forward was just started elsewhere). */
  overviewRequest?: number;
  onError: (e: ErrorValue) => void;
  onFontSize: (size: number) => void;
  /** No terminal yet: go where shells are opened. */
  onBrowseInstances: () => void;
}

export function SessionsView({ client, fontSize, scrollback, clipboardWrite, mac, overviewRequest = 0, onError, onFontSize, onBrowseInstances }: Props) {
  const { t } = useI18n();
  const { tabs, active, activate, close, setSummary, setFailed, reopen } = useTerminals();
  const [overview, setOverview] = useState(false);
  // Picking a tab (even the one shown) gives its terminal the keyboard.
  const [focusToken, setFocusToken] = useState(0);
  // A newly opened (or picked) tab is what the user wants to see.
  useEffect(() => setOverview(false), [active]);
  useEffect(() => {
    if (overviewRequest > 0) setOverview(true);
  }, [overviewRequest]);
  const showOverview = overview || tabs.length === 0;
  const current = showOverview ? undefined : tabs.find((tab) => tab.key === active);
  const production = current?.instance.environment === 'production';

  const reopenPrompt = useReasonPrompt(
    (tab: TerminalTabInfo) => tab.instance,
    (tab, reason) => reopen(tab.key, reason),
  );
  const reopenTab = (tab: TerminalTabInfo) => void reopenPrompt.request(tab);

  return (
    <div className="sessions">
      <div className="tabs" role="tablist" aria-label={t('sessions.tabs')}>
        <div className={`tab tab--overview${showOverview ? ' tab--active' : ''}`}>
          <button type="button" role="tab" aria-selected={showOverview} className="tab__main" onClick={() => setOverview(true)} data-testid="tab-overview">
            <span className="tab__title">{t('sessions.overview')}</span>
          </button>
        </div>
        {tabs.map((tab) => {
          const state = tabState({ waiting: tab.waiting, summary: tab.summary, failed: tab.failed !== undefined });
          const selected = !showOverview && tab.key === active;
          const user = tab.summary?.osUser;
          const via = viaText(tab.summary, t);
          return (
            <div key={tab.key} className={`tab${selected ? ' tab--active' : ''}${tab.instance.environment === 'production' ? ' tab--production' : ''}`}>
              <button
                type="button"
                role="tab"
                aria-selected={selected}
                className="tab__main"
                onClick={() => {
                  activate(tab.key);
                  setOverview(false);
                  setFocusToken((n) => n + 1);
                }}
                data-testid={`tab-${tab.instance.instanceId}`}
                title={`${tab.instance.name} — ${tab.instance.accountName ?? tab.instance.accountId} (${tab.instance.roleName})${via ? ` · ${via}` : ''}`}
              >
                <span className={`env-dot env-dot--${tab.instance.environment ?? 'other'}`} aria-hidden="true" />
                <span className="tab__title" dir="auto">
                  {tab.instance.name}
                </span>
                <span className="muted tab__meta" dir="auto">
                  {tab.instance.accountName ?? tab.instance.accountId}
                </span>
                {via && (
                  <span className="tab__via" data-testid={`tab-via-${tab.instance.instanceId}`}>
                    {via}
                  </span>
                )}
                {user && (
                  <span className="tab__user" data-testid={`tab-user-${tab.instance.instanceId}`} title={t('terminal.osUser')}>
                    {user}
                  </span>
                )}
                <span className={`tab__state tab__state--${state}`} data-testid={`tab-state-${tab.instance.instanceId}`}>
                  {state === 'ended' && tab.summary?.exitCode !== undefined ? t('terminal.state.endedWithCode', { code: tab.summary.exitCode }) : t(`terminal.state.${state}`)}
                </span>
              </button>
              <button type="button" className="tab__close" aria-label={t('terminal.close', { name: tab.instance.name })} onClick={() => close(tab.key)}>
                ×
              </button>
            </div>
          );
        })}
      </div>

      {showOverview && <SessionsOverview client={client} onError={onError} onShowTab={(key) => { activate(key); setOverview(false); }} onBrowseInstances={onBrowseInstances} />}

      <div className={`terminals${production ? ' terminals--production' : ''}`} hidden={showOverview} data-testid="terminals">
        {current && production && (
          <div className="prod-banner" role="status">
            {t('terminal.production', { account: current.instance.accountName ?? current.instance.accountId, user: current.summary?.osUser ?? current.instance.roleName })}
          </div>
        )}
        {current && <SessionBar tab={current} onReopen={() => reopenTab(current)} />}
        <div className="terminals__body">
          {tabs.map((tab) => (
            <TerminalTab
              key={tab.key}
              client={client}
              tab={tab}
              fontSize={fontSize}
              scrollback={scrollback}
              clipboardWrite={clipboardWrite}
              mac={mac}
              visible={!showOverview && tab.key === active}
              focusToken={tab.key === active ? focusToken : undefined}
              onSummary={(s) => setSummary(tab.key, s)}
              onFailed={(m) => setFailed(tab.key, m)}
              onError={onError}
              onFontSize={onFontSize}
            />
          ))}
        </div>
      </div>
      {reopenPrompt.dialog}
    </div>
  );
}

/** Above an ended, failed or restored terminal: what happened, and "Reopen". */
function SessionBar({ tab, onReopen }: { tab: TerminalTabInfo; onReopen: () => void }) {
  const { t } = useI18n();
  const state = tabState({ waiting: tab.waiting, summary: tab.summary, failed: tab.failed !== undefined });
  if (state !== 'ended' && state !== 'failed' && state !== 'waiting') return null;
  const text =
    state === 'waiting'
      ? t(tab.ssh && tab.instance.environment !== 'production' ? 'terminal.restoredSsh' : 'terminal.restored')
      : state === 'failed'
        ? t('terminal.failed', { message: tab.failed ?? '' })
        : tab.summary?.endCode && tab.summary.endReason
          ? t('terminal.failed', { message: tab.summary.endReason })
          : tab.summary?.exitCode !== undefined
          ? t('terminal.ended', { code: String(tab.summary.exitCode) })
          : t('terminal.closed');
  return (
    <div className="session-bar" role="status" data-testid="session-bar">
      <span>{text}</span>
      <button type="button" className="button button--primary button--small" onClick={onReopen} data-testid={`reopen-${tab.instance.instanceId}`}>
        {state === 'waiting' ? t('terminal.connect') : t('terminal.reopen')}
      </button>
    </div>
  );
}
