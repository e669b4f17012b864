// "Forward a port" from an instance: the remote port, optionally a host the instance can reach (a
// database behind it), and a local port (blank = any free one). Production asks for a reason,
// sent as StartSession's Reason. Mistakes are shown beside the field that has them.
import { useState, type ChangeEvent, type InputHTMLAttributes } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import type { ForwardSummary } from '../../../../common/api/forwards';
import type { InstanceSummary } from '../../../../common/api/inventory';
import { useI18n } from '../../i18n/i18n';
import { checkForwardForm, type ForwardFormProblems, type ForwardFormValues } from './forwardForm';

interface Props {
  client: FumidaiClient;
  ssoSessionId: string;
  instance: InstanceSummary;
  roleName: string;
  onStarted: (forward: ForwardSummary) => void;
  onCancel: () => void;
  onError: (e: ErrorValue) => void;
}

export function StartForwardForm({ client, ssoSessionId, instance: i, roleName, onStarted, onCancel, onError }: Props) {
  const { t } = useI18n();
  const production = i.environment === 'production';
  const [values, setValues] = useState<ForwardFormValues>({ remotePort: '', remoteHost: '', localPort: '', reason: '' });
  const [problems, setProblems] = useState<ForwardFormProblems>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const set = (key: keyof ForwardFormValues) => (e: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = async () => {
    const checked = checkForwardForm(values, production);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    setFailure(undefined);
    setBusy(true);
    const r = await client.forwards.start({
      ssoSessionId,
      accountId: i.accountId,
      roleName,
      region: i.region,
      instanceId: i.instanceId,
      instanceName: i.name.slice(0, 512),
      accountName: i.accountName.slice(0, 512),
      environment: i.environment,
      ...checked.value,
    });
    setBusy(false);
    if (r.ok) onStarted(r.value);
    else {
      setFailure(r.message);
      onError(r);
    }
  };

  const field = (key: keyof ForwardFormValues, label: string, hint: string, extra: InputHTMLAttributes<HTMLInputElement>) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input value={values[key]} onChange={set(key)} aria-invalid={problems[key] ? true : undefined} aria-describedby={`forward-${key}-hint`} data-testid={`forward-${key}`} {...extra} />
      {problems[key] ? (
        <span id={`forward-${key}-hint`} className="field__error" role="alert">
          {t(problems[key])}
        </span>
      ) : (
        <span id={`forward-${key}-hint`} className="field__hint">
          {hint}
        </span>
      )}
    </label>
  );

  return (
    <form
      className={`forward-form${production ? ' forward-form--production' : ''}`}
      data-testid="forward-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      {field('remotePort', t('forward.remotePort'), t('forward.remotePort.hint'), { inputMode: 'numeric', required: true, autoFocus: true, placeholder: '5432' })}
      {field('remoteHost', t('forward.remoteHost'), t('forward.remoteHost.hint', { name: i.name }), { placeholder: 'db.internal', autoComplete: 'off', spellCheck: false })}
      {field('localPort', t('forward.localPort'), t('forward.localPort.hint'), { inputMode: 'numeric', placeholder: t('forward.localPort.auto') })}
      {production && field('reason', t('forward.reason'), t('forward.reason.hint'), { maxLength: 256, required: true })}
      {failure && (
        <p className="field__error" role="alert" data-testid="forward-failure">
          {failure}
        </p>
      )}
      <div className="signin__actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('signin.cancel')}
        </button>
        <button type="submit" className={`button ${production ? 'button--danger' : 'button--primary'}`} disabled={busy} data-testid="forward-start">
          {busy ? t('forward.starting') : t('forward.start')}
        </button>
      </div>
    </form>
  );
}
