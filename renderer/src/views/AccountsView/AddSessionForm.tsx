// Adding an IAM Identity Center session in the app: name, start URL and region. The core
// validates (and explains typos such as a missing https:// or /start); errors show inline.
import { useState, type FormEvent } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import { useI18n } from '../../i18n/i18n';
import { setupProblemText } from '../FirstRun/setupProblem';

export function AddSessionForm({ client, onDone }: { client: FumidaiClient; onDone?: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [error, setError] = useState<ErrorValue | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await client.auth.addSession({ name: name.trim(), startUrl: startUrl.trim(), region: region.trim() });
    setBusy(false);
    if (!r.ok) return setError(r);
    setError(undefined);
    setName('');
    setStartUrl('');
    onDone?.();
  };
  return (
    <form className="add-session" onSubmit={(e) => void submit(e)} data-testid="add-session-form">
      <h3>{t('signin.add.title')}</h3>
      <label className="field">
        <span className="field__label">{t('signin.add.name')}</span>
        <input type="text" required value={name} onChange={(e) => setName(e.target.value)} placeholder="my-company" data-testid="add-session-name" />
      </label>
      <label className="field">
        <span className="field__label">{t('signin.add.startUrl')}</span>
        <input type="text" required value={startUrl} onChange={(e) => setStartUrl(e.target.value)} placeholder="https://d-1234567890.awsapps.com/start" data-testid="add-session-url" />
      </label>
      <label className="field">
        <span className="field__label">{t('signin.add.region')}</span>
        <input type="text" required value={region} onChange={(e) => setRegion(e.target.value)} data-testid="add-session-region" />
      </label>
      {error && (
        <p className="signin__error" role="alert" data-testid="add-session-error">
          {setupProblemText(t, error)}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('signin.add.submit')}
      </button>
    </form>
  );
}
