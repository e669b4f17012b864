// Accounts: sign in to an IAM Identity Center session, then every account and role it grants.
import { useCallback } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import { EmptyState } from '../../components/EmptyState';
import { AccountsIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/i18n';
import { useAuth } from '../../hooks/useAuth';
import { SignInPanel } from './SignInPanel';
import { AccountList } from './AccountList';
import { AddSessionForm } from './AddSessionForm';

export function AccountsView({ client, onError }: { client: FumidaiClient; onError: (e: ErrorValue) => void }) {
  const { t } = useI18n();
  const snapshot = useAuth(client);
  const report = useCallback((e: ErrorValue) => onError(e), [onError]);
  if (!snapshot) return <p className="muted">{t('app.loading')}</p>;
  if (snapshot.sessions.length === 0) {
    return (
      <EmptyState icon={<AccountsIcon />} title={t('accounts.empty.title')}>
        <p>{t('accounts.empty.noSessions')}</p>
        {snapshot.configProblems.map((p) => (
          <p key={p} className="signin__error">
            {p}
          </p>
        ))}
        <AddSessionForm client={client} />
      </EmptyState>
    );
  }
  const signedIn = snapshot.sessions.filter((s) => s.state === 'signed-in');
  return (
    <div className="accounts-view">
      {snapshot.configProblems.length > 0 && (
        <div className="notice" role="status">
          {snapshot.configProblems.map((p) => (
            <div key={p}>{p}</div>
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
