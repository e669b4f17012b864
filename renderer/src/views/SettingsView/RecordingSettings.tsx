// Settings → Recording: which environments' shells are recorded on this computer (production by
// default) and how many days recordings are kept. A retention typed out of range stays in the box
// with the reason, as the font size does.
import { useEffect, useState } from 'react';
import { ENVIRONMENTS } from '../../../../common/environments';
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN, type Settings, type SettingsPatch } from '../../../../common/api/settings';
import type { Result } from '../../../../common/api/errors';
import { useI18n } from '../../i18n/i18n';

interface Props {
  recording: Settings['recording'];
  onChange: (patch: SettingsPatch) => Promise<Result<Settings>>;
}

export function RecordingSettings({ recording, onChange }: Props) {
  const { t } = useI18n();
  const [days, setDays] = useState(String(recording.retentionDays));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    setDays(String(recording.retentionDays));
    setProblem(undefined);
  }, [recording.retentionDays]);

  const commitDays = async () => {
    const text = days.trim();
    const n = Number(text);
    if (text === '' || !Number.isInteger(n) || n < RETENTION_DAYS_MIN || n > RETENTION_DAYS_MAX) {
      setProblem(t('settings.recording.retention.invalid', { min: RETENTION_DAYS_MIN, max: RETENTION_DAYS_MAX }));
      return;
    }
    setProblem(undefined);
    if (n === recording.retentionDays) return;
    const r = await onChange({ recording: { retentionDays: n } });
    if (!r.ok) setProblem(r.message);
  };

  return (
    <section className="settings__section" aria-labelledby="settings-recording" data-testid="settings-recording">
      <h2 id="settings-recording">{t('settings.recording')}</h2>
      <p className="muted">{t('settings.recording.body')}</p>
      <fieldset className="field">
        <legend className="field__label">{t('settings.recording.environments')}</legend>
        {ENVIRONMENTS.map((env) => (
          <label key={env} className="field field--checkbox">
            <input
              type="checkbox"
              checked={recording.environments[env]}
              data-testid={`settings-record-${env}`}
              onChange={(e) => void onChange({ recording: { environments: { [env]: e.target.checked } } })}
            />
            <span>
              <span className={`env-dot env-dot--${env}`} aria-hidden="true" />
              {t(`environment.${env}`)}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('settings.recording.retention')}</span>
        <input
          type="number"
          min={RETENTION_DAYS_MIN}
          max={RETENTION_DAYS_MAX}
          value={days}
          data-testid="settings-retention"
          aria-invalid={problem ? true : undefined}
          aria-describedby="settings-retention-hint"
          onChange={(e) => setDays(e.target.value)}
          onBlur={() => void commitDays()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commitDays();
            if (e.key === 'Escape') {
              setDays(String(recording.retentionDays));
              setProblem(undefined);
            }
          }}
        />
        {problem ? (
          <span id="settings-retention-hint" className="field__error" role="alert">
            {problem}
          </span>
        ) : (
          <span id="settings-retention-hint" className="field__hint">
            {t('settings.recording.retention.hint')}
          </span>
        )}
      </label>
    </section>
  );
}
