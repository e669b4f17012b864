// Accounts: sign in to an IAM Identity Center session, then every account and role it grants.
// With no session at all, the first-run setup (and the demo) instead.
import { useCallback } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import { useI18n } from '../../i18n/i18n';
import { useAuth } from '../../hooks/useAuth';
import { SignInPanel } from './SignInPanel';
import { AccountList } from './AccountList';
import { AddSessionForm } from './AddSessionForm';
import { FirstRunView } from '../FirstRun/FirstRunView';
import type { DemoStatus } from '../../../../common/api/setup';
import { configProblemText } from '../FirstRun/configProblem';

export function AccountsView({ client, demo, onError }: { client: FumidaiClient; demo: DemoStatus | undefined; onError: (e: ErrorValue) => void }) {
  const { t } = useI18n();
  const snapshot = useAuth(client);
  const report = useCallback((e: ErrorValue) => onError(e), [onError]);
  if (!snapshot) return <p className="muted">{t('app.loading')}</p>;
  // The first run, until a session exists; while the demo signs in, its session already does.
  if (snapshot.sessions.length === 0 || demo?.state === 'starting') return <FirstRunView client={client} demo={demo} configProblems={snapshot.configProblems} />;
  const signedIn = snapshot.sessions.filter((s) => s.state === 'signed-in');
  return (
    <div className="accounts-view">
      {snapshot.configProblems.length > 0 && (
        <div className="notice" role="status">
          {snapshot.configProblems.map((p) => (
            <div key={p.message}>{configProblemText(t, p)}</div>
          ))}
        </div>
      )}
      {signedIn.length < snapshot.sessions.length && <SignInPanel client={client} sessions={snapshot.sessions.filter((s) => s.state !== 'signed-in')} onError={report} />}
      {signedIn.length === 0 && (
        <details className="add-session__more">
          <summary>{t('signin.add.title')}</summary>
          <AddSessionForm client={client} />
        </details>
      )}
      {signedIn.map((s) => (
        <div key={s.id}>
          {snapshot.sessions.length > 1 && <h2 className="accounts__session-title">{s.name}</h2>}
          <AccountList client={client} sessionId={s.id} onError={report} />
        </div>
      ))}
    </div>
  );
}
