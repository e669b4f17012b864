// The first-run form: start URL and region (with suggestions), checked with IAM Identity Center
// before anything is saved; the session then goes into ~/.aws/config so the AWS CLI shares it.
import { useState, type FormEvent } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import { IDENTITY_CENTER_REGIONS, suggestSessionName } from '../../../../common/awsRegions';
import { useI18n } from '../../i18n/i18n';
import { setupProblemText } from './setupProblem';

// Once added, the session appears in the auth snapshot and the Accounts view offers sign-in.
export function SetupForm({ client }: { client: FumidaiClient }) {
  const { t } = useI18n();
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [name, setName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [step, setStep] = useState<'idle' | 'checking' | 'saving'>('idle');
  const [error, setError] = useState<ErrorValue | undefined>(undefined);
  const shownName = nameEdited ? name : suggestSessionName(startUrl);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setStep('checking');
    const checked = await client.setup.checkStartUrl({ startUrl: startUrl.trim(), region: region.trim() });
    if (!checked.ok) {
      setStep('idle');
      return setError(checked);
    }
    setStep('saving');
    const added = await client.auth.addSession({ name: shownName.trim() || 'default', ...checked.value, writeToAwsConfig: true });
    setStep('idle');
    if (!added.ok) setError(added);
  };

  return (
    <form className="setup-form" onSubmit={(e) => void submit(e)} data-testid="setup-form" noValidate>
      <label className="setup-form__field">
        <span className="setup-form__label">{t('setup.startUrl')}</span>
        <input
          type="url"
          required
          autoFocus
          spellCheck={false}
          value={startUrl}
          onChange={(e) => setStartUrl(e.target.value)}
          placeholder="https://d-1234567890.awsapps.com/start"
          aria-invalid={error?.code === 'InvalidConfig' ? true : undefined}
          aria-describedby="setup-start-url-hint"
          data-testid="setup-start-url"
        />
        <span className="setup-form__hint" id="setup-start-url-hint">
          {t('setup.startUrl.hint')}
        </span>
      </label>
      <label className="setup-form__field">
        <span className="setup-form__label">{t('setup.region')}</span>
        <input type="text" required list="setup-regions" spellCheck={false} value={region} onChange={(e) => setRegion(e.target.value)} data-testid="setup-region" />
        <datalist id="setup-regions">
          {IDENTITY_CENTER_REGIONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <span className="setup-form__hint">{t('setup.region.hint')}</span>
      </label>
      <label className="setup-form__field">
        <span className="setup-form__label">{t('setup.name')}</span>
        <input
          type="text"
          spellCheck={false}
          value={shownName}
          placeholder="my-company"
          onChange={(e) => {
            setNameEdited(true);
            setName(e.target.value);
          }}
          data-testid="setup-name"
        />
        <span className="setup-form__hint">{t('setup.name.hint')}</span>
      </label>
      {error && (
        <div className="setup-form__error" role="alert" data-testid="setup-error">
          <strong>{t(error.code === 'Network' ? 'setup.error.network' : 'setup.error.title')}</strong>
          <p>{setupProblemText(t, error)}</p>
        </div>
      )}
      <button type="submit" className="button button--primary setup-form__submit" disabled={step !== 'idle' || !startUrl.trim()} data-testid="setup-continue">
        {step === 'checking' ? t('setup.checking') : step === 'saving' ? t('setup.saving') : t('setup.continue')}
      </button>
    </form>
  );
}
