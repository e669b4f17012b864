// "Try the demo": a local sandbox AWS with a made-up organisation, for looking around without an
// AWS account. Installed apps do not carry the sandbox; then the card says so and how to get it.
import { useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { DemoStatus } from '../../../../common/api/setup';
import { useI18n } from '../../i18n/i18n';

// Once signed in, the demo's session is in the auth snapshot and the Accounts view lists its accounts.
export function DemoCard({ client, status }: { client: FumidaiClient; status: DemoStatus | undefined }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | undefined>(undefined);
  const starting = status?.state === 'starting';
  const start = async () => {
    setError(undefined);
    const r = await client.setup.startDemo();
    if (!r.ok) setError(r.message);
  };
  return (
    <section className="first-run__card first-run__card--demo" aria-labelledby="first-run-demo-title" data-testid="demo-card">
      <h3 id="first-run-demo-title" className="first-run__card-title">
        {t('setup.demo.title')}
      </h3>
      <p className="muted">{t('setup.demo.body')}</p>
      {status && !status.available ? (
        <p className="first-run__unavailable" data-testid="demo-unavailable">
          {t('setup.demo.unavailable')} <span className="muted">{t('setup.demo.notInBuild')}</span>
        </p>
      ) : (
        <button type="button" className="button" disabled={!status || starting} onClick={() => void start()} data-testid="demo-start">
          {starting ? t('setup.demo.starting') : t('setup.demo.start')}
        </button>
      )}
      {(error ?? (status?.state === 'failed' ? status.error : undefined)) && (
        <p className="signin__error" role="alert" data-testid="demo-error">
          {error ?? status?.error}
        </p>
      )}
    </section>
  );
}
