// Settings → Notifications: when expiry warnings come, whether they reach the OS, watching
// CloudTrail for activity from other devices, and a team webhook per environment. A webhook's URL
// is sent once and kept by the core in its own file; this screen only ever shows its host.
import { useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { WebhookSummary } from '../../../../common/api/alerts';
import type { ErrorValue, Result } from '../../../../common/api/errors';
import type { Settings, SettingsPatch } from '../../../../common/api/settings';
import { ENVIRONMENTS, type Environment } from '../../../../common/environments';
import { useI18n } from '../../i18n/i18n';
import { LEAD_MAX, LEAD_MIN, parseLeadMinutes } from './alertLeadTimes';

interface Props {
  alerts: Settings['alerts'];
  onChange: (patch: SettingsPatch) => Promise<Result<Settings>>;
  client?: FumidaiClient;
  onError?: (e: ErrorValue) => void;
}

export function AlertSettings({ alerts, onChange, client, onError }: Props) {
  const { t } = useI18n();
  const current = alerts.leadMinutes.join(', ');
  const [leads, setLeads] = useState(current);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    setLeads(current);
    setProblem(undefined);
  }, [current]);
  const commitLeads = async () => {
    const parsed = parseLeadMinutes(leads);
    if (!parsed) return setProblem(t('settings.alerts.leads.invalid', { min: LEAD_MIN, max: LEAD_MAX }));
    setProblem(undefined);
    if (parsed.join(', ') === current) return;
    const r = await onChange({ alerts: { leadMinutes: parsed } });
    if (!r.ok) setProblem(r.message);
  };

  return (
    <section className="settings__section" aria-labelledby="settings-alerts" data-testid="settings-alerts">
      <h2 id="settings-alerts">{t('settings.alerts')}</h2>
      <label className="field">
        <span className="field__label">{t('settings.alerts.leads')}</span>
        <input
          type="text"
          value={leads}
          inputMode="numeric"
          data-testid="settings-alert-leads"
          aria-invalid={problem ? true : undefined}
          aria-describedby="settings-alert-leads-hint"
          onChange={(e) => setLeads(e.target.value)}
          onBlur={() => void commitLeads()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commitLeads();
            if (e.key === 'Escape') {
              setLeads(current);
              setProblem(undefined);
            }
          }}
        />
        <span id="settings-alert-leads-hint" className={problem ? 'field__error' : 'field__hint'}>
          {problem ?? t('settings.alerts.leads.hint')}
        </span>
      </label>
      <label className="field field--checkbox">
        <input type="checkbox" checked={alerts.osNotifications} data-testid="settings-os-notifications" onChange={(e) => void onChange({ alerts: { osNotifications: e.target.checked } })} />
        <span>{t('settings.alerts.os')}</span>
      </label>
      <label className="field field--checkbox">
        <input type="checkbox" checked={alerts.loginActivity} data-testid="settings-login-activity" onChange={(e) => void onChange({ alerts: { loginActivity: e.target.checked } })} />
        <span>{t('settings.alerts.loginActivity')}</span>
      </label>
      {client && onError && <WebhookSettings client={client} onError={onError} />}
    </section>
  );
}

function WebhookSettings({ client, onError }: { client: FumidaiClient; onError: (e: ErrorValue) => void }) {
  const { t } = useI18n();
  const [hooks, setHooks] = useState<WebhookSummary[]>([]);
  const [environment, setEnvironment] = useState<Environment>('production');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<'slack' | 'json'>('slack');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    void client.alerts.webhooks().then((r) => (r.ok ? setHooks(r.value) : onError(r)));
  }, [client, onError]);
  const save = async (env: Environment, value: string | undefined) => {
    const r = await client.alerts.setWebhook({ environment: env, ...(value ? { url: value } : {}), format });
    if (!r.ok) return setProblem(r.message);
    setProblem(undefined);
    setHooks(r.value);
    setUrl('');
  };
  return (
    <fieldset className="field" data-testid="settings-webhooks">
      <legend className="field__label">{t('settings.alerts.webhooks')}</legend>
      <p className="muted">{t('settings.alerts.webhooks.body')}</p>
      {hooks.length > 0 && (
        <ul className="rules">
          {hooks.map((h) => (
            <li key={h.environment} data-testid={`webhook-${h.environment}`}>
              <span className={`env-dot env-dot--${h.environment}`} aria-hidden="true" />
              {t('settings.alerts.webhooks.item', { environment: t(`environment.${h.environment}`), host: h.host, format: h.format === 'slack' ? 'Slack' : 'JSON' })}{' '}
              <span className="muted" data-testid={`webhook-storage-${h.environment}`}>
                {h.storage === 'keychain' ? t('settings.alerts.webhooks.inKeychain') : t('settings.alerts.webhooks.inFile')}
              </span>{' '}
              <button type="button" className="button button--small" onClick={() => void save(h.environment, undefined)}>
                {t('settings.alerts.webhooks.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="rules__add"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void save(environment, url.trim());
        }}
      >
        <select value={environment} aria-label={t('settings.alerts.webhooks.environment')} onChange={(e) => setEnvironment(e.target.value as Environment)}>
          {ENVIRONMENTS.map((env) => (
            <option key={env} value={env}>
              {t(`environment.${env}`)}
            </option>
          ))}
        </select>
        <input type="password" autoComplete="off" value={url} placeholder="https://hooks.slack.com/services/…" aria-label={t('settings.alerts.webhooks.url')} data-testid="webhook-url" onChange={(e) => setUrl(e.target.value)} />
        <select value={format} aria-label={t('settings.alerts.webhooks.format')} onChange={(e) => setFormat(e.target.value as 'slack' | 'json')}>
          <option value="slack">Slack</option>
          <option value="json">JSON</option>
        </select>
        <button type="submit" className="button" disabled={!url.trim()}>
          {t('settings.alerts.webhooks.save')}
        </button>
      </form>
      {problem && (
        <span className="field__error" role="alert">
          {problem}
        </span>
      )}
    </fieldset>
  );
}
