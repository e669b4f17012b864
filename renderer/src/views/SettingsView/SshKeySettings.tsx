// Settings → SSH keys: how long a key stays in memory, where Parameter Store keys are looked for,
// and rules per account and environment for which key source and which bastion a hop uses. The
// first matching rule wins; without one, EC2 hosts get their key from Parameter Store.
import { useEffect, useState } from 'react';
import { ENVIRONMENTS } from '../../../../common/environments';
import { HOPS, KEY_SOURCES, type KeySourceKind } from '../../../../common/api/keys';
import type { Settings, SettingsPatch } from '../../../../common/api/settings';
import type { Result } from '../../../../common/api/errors';
import { DEFAULT_PARAMETER_PATH, KEY_LIFETIME_MINUTES_MAX, KEY_LIFETIME_MINUTES_MIN, ParameterNameTemplateSchema } from '../../../../common/api/sshKeySettings';
import { EMPTY_RULE_DRAFT as EMPTY, ruleFromDraft, type RuleDraft as Draft } from './keyRuleDraft';
import { useI18n, type MessageKey } from '../../i18n/i18n';

interface Props {
  sshKeys: Settings['sshKeys'];
  onChange: (patch: SettingsPatch) => Promise<Result<Settings>>;
}

export function SshKeySettings({ sshKeys, onChange }: Props) {
  const { t } = useI18n();
  const [lifetime, setLifetime] = useState(String(sshKeys.lifetimeMinutes));
  const [lifetimeProblem, setLifetimeProblem] = useState<string | undefined>();
  const [path, setPath] = useState(sshKeys.parameterPath);
  const [pathProblem, setPathProblem] = useState<string | undefined>();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [ruleProblem, setRuleProblem] = useState<string | undefined>();
  useEffect(() => setLifetime(String(sshKeys.lifetimeMinutes)), [sshKeys.lifetimeMinutes]);
  useEffect(() => setPath(sshKeys.parameterPath), [sshKeys.parameterPath]);

  const commitLifetime = async () => {
    const n = Number(lifetime.trim());
    if (lifetime.trim() === '' || !Number.isInteger(n) || n < KEY_LIFETIME_MINUTES_MIN || n > KEY_LIFETIME_MINUTES_MAX) {
      setLifetimeProblem(t('settings.sshKeys.lifetime.invalid', { min: KEY_LIFETIME_MINUTES_MIN, max: KEY_LIFETIME_MINUTES_MAX }));
      return;
    }
    setLifetimeProblem(undefined);
    if (n === sshKeys.lifetimeMinutes) return;
    const r = await onChange({ sshKeys: { lifetimeMinutes: n } });
    if (!r.ok) setLifetimeProblem(r.message);
  };

  const commitPath = async () => {
    const value = path.trim() || DEFAULT_PARAMETER_PATH;
    if (!ParameterNameTemplateSchema.safeParse(value).success) {
      setPathProblem(t('settings.sshKeys.invalid.path'));
      return;
    }
    setPathProblem(undefined);
    if (value === sshKeys.parameterPath) return;
    const r = await onChange({ sshKeys: { parameterPath: value } });
    if (!r.ok) setPathProblem(r.message);
  };

  const addRule = async () => {
    const result = ruleFromDraft(draft);
    if ('problem' in result) {
      setRuleProblem(t(result.problem));
      return;
    }
    const r = await onChange({ sshKeys: { rules: [...sshKeys.rules, result.rule] } });
    if (!r.ok) setRuleProblem(r.message);
    else {
      setRuleProblem(undefined);
      setDraft(EMPTY);
    }
  };
  const removeRule = (i: number) => void onChange({ sshKeys: { rules: sshKeys.rules.filter((_, j) => j !== i) } });
  const detailLabel: MessageKey | undefined = draft.source === 'parameter-store' ? 'settings.sshKeys.rule.parameter' : draft.source === 'file' ? 'settings.sshKeys.rule.keyFile' : draft.source === 'agent' ? 'settings.sshKeys.rule.agentSocket' : undefined;

  return (
    <section className="settings__section" aria-labelledby="settings-ssh-keys" data-testid="settings-ssh-keys">
      <h2 id="settings-ssh-keys">{t('settings.sshKeys')}</h2>
      <p className="muted">{t('settings.sshKeys.body')}</p>
      <label className="field">
        <span className="field__label">{t('settings.sshKeys.lifetime')}</span>
        <input
          type="number"
          min={KEY_LIFETIME_MINUTES_MIN}
          max={KEY_LIFETIME_MINUTES_MAX}
          value={lifetime}
          data-testid="settings-key-lifetime"
          aria-invalid={lifetimeProblem ? true : undefined}
          onChange={(e) => setLifetime(e.target.value)}
          onBlur={() => void commitLifetime()}
          onKeyDown={(e) => e.key === 'Enter' && void commitLifetime()}
        />
        {lifetimeProblem ? (
          <span className="field__error" role="alert">
            {lifetimeProblem}
          </span>
        ) : (
          <span className="field__hint">{t('settings.sshKeys.lifetime.hint')}</span>
        )}
      </label>
      <label className="field field--checkbox">
        <input type="checkbox" checked={sshKeys.endWithSsoSession} data-testid="settings-key-sso-end" onChange={(e) => void onChange({ sshKeys: { endWithSsoSession: e.target.checked } })} />
        <span>{t('settings.sshKeys.endWithSso')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('settings.sshKeys.path')}</span>
        <input
          type="text"
          value={path}
          spellCheck={false}
          data-testid="settings-key-path"
          aria-invalid={pathProblem ? true : undefined}
          onChange={(e) => setPath(e.target.value)}
          onBlur={() => void commitPath()}
          onKeyDown={(e) => e.key === 'Enter' && void commitPath()}
        />
        {pathProblem ? (
          <span className="field__error" role="alert">
            {pathProblem}
          </span>
        ) : (
          <span className="field__hint">{t('settings.sshKeys.path.hint')}</span>
        )}
      </label>

      <h3>{t('settings.sshKeys.rules')}</h3>
      <p className="muted">{t('settings.sshKeys.rules.hint')}</p>
      {sshKeys.rules.length === 0 && <p className="muted">{t('settings.sshKeys.rules.none')}</p>}
      {sshKeys.rules.map((rule, i) => (
        <div className="rule" key={i} data-testid={`key-rule-${i}`}>
          <span dir="auto">
            {rule.accountId ?? t('settings.sshKeys.rule.anyAccount')} · {rule.environment ? t(`environment.${rule.environment}`) : t('settings.sshKeys.rule.anyEnvironment')} · {rule.hop ? t(`keys.hop.${rule.hop}`) : t('settings.sshKeys.rule.bothHops')} → <strong>{t(`keys.source.${rule.source}`)}</strong>
            {(rule.parameter ?? rule.keyFile ?? rule.agentSocket) && <code> {rule.parameter ?? rule.keyFile ?? rule.agentSocket}</code>}
            {rule.bastion && <span className="muted"> {t('settings.sshKeys.rule.via', { bastion: rule.bastion })}</span>}
          </span>
          <button type="button" className="button button--ghost" onClick={() => removeRule(i)} data-testid={`key-rule-remove-${i}`}>
            {t('settings.environments.remove')}
          </button>
        </div>
      ))}
      <fieldset className="field" data-testid="key-rule-form">
        <legend className="field__label">{t('settings.sshKeys.rule.add')}</legend>
        <div className="rule">
          <input type="text" inputMode="numeric" aria-label={t('settings.sshKeys.rule.account')} placeholder={t('settings.sshKeys.rule.account')} value={draft.accountId} onChange={(e) => setDraft({ ...draft, accountId: e.target.value })} data-testid="key-rule-account" />
          <select aria-label={t('settings.environments.environment')} value={draft.environment} onChange={(e) => setDraft({ ...draft, environment: e.target.value as Draft['environment'] })} data-testid="key-rule-environment">
            <option value="">{t('settings.sshKeys.rule.anyEnvironment')}</option>
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {t(`environment.${env}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('settings.sshKeys.rule.hop')} value={draft.hop} onChange={(e) => setDraft({ ...draft, hop: e.target.value as Draft['hop'] })} data-testid="key-rule-hop">
            <option value="">{t('settings.sshKeys.rule.bothHops')}</option>
            {HOPS.map((hop) => (
              <option key={hop} value={hop}>
                {t(`keys.hop.${hop}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('settings.sshKeys.rule.source')} value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value as KeySourceKind, detail: '' })} data-testid="key-rule-source">
            {KEY_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`keys.source.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="rule">
          {detailLabel && <input type="text" spellCheck={false} aria-label={t(detailLabel)} placeholder={t(detailLabel)} value={draft.detail} onChange={(e) => setDraft({ ...draft, detail: e.target.value })} data-testid="key-rule-detail" />}
          {draft.source === 'agent' && (
            <input type="text" spellCheck={false} aria-label={t('settings.sshKeys.rule.fingerprint')} placeholder={t('settings.sshKeys.rule.fingerprint')} value={draft.fingerprint} onChange={(e) => setDraft({ ...draft, fingerprint: e.target.value })} />
          )}
          <input type="text" aria-label={t('settings.sshKeys.rule.bastion')} placeholder={t('settings.sshKeys.rule.bastion')} value={draft.bastion} onChange={(e) => setDraft({ ...draft, bastion: e.target.value })} data-testid="key-rule-bastion" />
          <button type="button" className="button" onClick={() => void addRule()} data-testid="key-rule-add">
            {t('settings.sshKeys.rule.addButton')}
          </button>
        </div>
        {ruleProblem && (
          <span className="field__error" role="alert" data-testid="key-rule-problem">
            {ruleProblem}
          </span>
        )}
      </fieldset>
    </section>
  );
}
