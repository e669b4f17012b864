// Rules that decide which environment an account belongs to, checked before the built-in name
// patterns (e.g. "core-" → production). A rule is a substring or a /regex/ matched against the
// account's name, e-mail and id.
import { useEffect, useState } from 'react';
import { ENVIRONMENTS, type EnvironmentRule } from '../../../../common/environments';
import { useI18n } from '../../i18n/i18n';

export function EnvironmentRules({ rules, onChange }: { rules: EnvironmentRule[]; onChange: (rules: EnvironmentRule[]) => Promise<unknown> }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(rules);
  useEffect(() => setDraft(rules), [rules]);
  const save = (next: EnvironmentRule[]) => {
    setDraft(next);
    void onChange(next.filter((r) => r.match.trim() !== ''));
  };
  return (
    <section className="settings__section" aria-labelledby="settings-environments">
      <h2 id="settings-environments">{t('settings.environments')}</h2>
      <p className="muted">{t('settings.environments.hint')}</p>
      {draft.map((rule, i) => (
        <div className="rule" key={i} data-testid={`env-rule-${i}`}>
          <input
            type="text"
            aria-label={t('settings.environments.match')}
            placeholder={t('settings.environments.placeholder')}
            value={rule.match}
            onChange={(e) => setDraft(draft.map((r, j) => (j === i ? { ...r, match: e.target.value } : r)))}
            onBlur={() => save(draft)}
          />
          <select aria-label={t('settings.environments.environment')} value={rule.environment} onChange={(e) => save(draft.map((r, j) => (j === i ? { ...r, environment: e.target.value as EnvironmentRule['environment'] } : r)))}>
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {t(`environment.${env}`)}
              </option>
            ))}
          </select>
          <button type="button" className="button button--ghost" onClick={() => save(draft.filter((_, j) => j !== i))}>
            {t('settings.environments.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => setDraft([...draft, { match: '', environment: 'production' }])}>
        {t('settings.environments.add')}
      </button>
    </section>
  );
}
