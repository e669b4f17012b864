// The first run: what the Accounts view shows while no IAM Identity Center session exists (none
// in ~/.aws/config, none added in Fumidai). Connect to your organisation — the session is checked
// with IAM Identity Center and then offered for sign-in — or try the demo sandbox.
import type { FumidaiClient } from '../../../../common/api';
import type { DemoStatus } from '../../../../common/api/setup';
import { useI18n } from '../../i18n/i18n';
import { SetupForm } from './SetupForm';
import { DemoCard } from './DemoCard';
import { configProblemText } from './configProblem';
import type { ConfigProblem } from '../../../../common/api/auth';
import './firstRun.css';

interface Props {
  client: FumidaiClient;
  demo: DemoStatus | undefined;
  configProblems: readonly ConfigProblem[];
}

export function FirstRunView({ client, demo, configProblems }: Props) {
  const { t } = useI18n();
  return (
    <div className="first-run" data-testid="first-run">
      <h2 className="first-run__title">{t('setup.title')}</h2>
      <p className="first-run__lead">{t('setup.lead')}</p>
      {configProblems.length > 0 && (
        <div className="notice" role="status" data-testid="first-run-config-problems">
          <strong>{t('setup.configProblems')}</strong>
          {configProblems.map((p) => (
            <div key={p.message}>{configProblemText(t, p)}</div>
          ))}
        </div>
      )}
      <div className="first-run__cards">
        <section className="first-run__card" aria-labelledby="first-run-connect-title">
          <h3 id="first-run-connect-title" className="first-run__card-title">
            {t('setup.connect.title')}
          </h3>
          <p className="muted">{t('setup.connect.body')}</p>
          <SetupForm client={client} />
        </section>
        <DemoCard client={client} status={demo} />
      </div>
    </div>
  );
}
