// Open terminals as tabs: instance name, account and environment colour, live state (connecting,
// live, reconnecting, ended with its exit code); production tabs get a red frame.
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import { EmptyState } from '../../components/EmptyState';
import { SessionsIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/i18n';
import { useTerminals } from '../../terminals/terminalsStore';
import { TerminalTab } from '../../terminals/TerminalTab';

interface Props {
  client: FumidaiClient;
  fontSize: number;
  onError: (e: ErrorValue) => void;
  /** No terminal yet: go where shells are opened. */
  onBrowseInstances: () => void;
}

export function SessionsView({ client, fontSize, onError, onBrowseInstances }: Props) {
  const { t } = useI18n();
  const { tabs, active, activate, close, setSummary } = useTerminals();
  if (tabs.length === 0) {
    return (
      <EmptyState
        icon={<SessionsIcon />}
        title={t('sessions.empty.title')}
        action={
          <button type="button" className="button button--primary" onClick={onBrowseInstances} data-testid="sessions-browse-instances">
            {t('sessions.empty.browse')}
          </button>
        }
      >
        <p>{t('sessions.empty.body')}</p>
      </EmptyState>
    );
  }
  const current = tabs.find((tab) => tab.key === active);
  return (
    <div className={`terminals${current?.instance.environment === 'production' ? ' terminals--production' : ''}`}>
      <div className="tabs" role="tablist">
        {tabs.map((tab) => {
          const state = tab.summary?.state ?? 'connecting';
          return (
            <div key={tab.key} className={`tab${tab.key === active ? ' tab--active' : ''}`}>
              <button type="button" role="tab" aria-selected={tab.key === active} className="tab__main" onClick={() => activate(tab.key)} data-testid={`tab-${tab.instance.instanceId}`}>
                <span className={`env-dot env-dot--${tab.instance.environment}`} aria-hidden="true" />
                <span className="tab__title">{tab.instance.name}</span>
                <span className="muted tab__meta">{tab.instance.accountName}</span>
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
      {current?.instance.environment === 'production' && (
        <div className="prod-banner" role="status">
          {t('terminal.production', { account: current.instance.accountName, user: current.instance.roleName })}
        </div>
      )}
      <div className="terminals__body">
        {tabs.map((tab) => (
          <TerminalTab key={tab.key} client={client} tab={tab} fontSize={fontSize} visible={tab.key === active} onSummary={(s) => setSummary(tab.key, s)} onError={onError} />
        ))}
      </div>
    </div>
  );
}
