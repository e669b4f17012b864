import { useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { SessionsSnapshot } from '../../../../common/api/auth';
import { EmptyState } from '../../components/EmptyState';
import { AccountsIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/i18n';

export function AccountsView({ client }: { client: FumidaiClient }) {
  const { t } = useI18n();
  const [snapshot, setSnapshot] = useState<SessionsSnapshot | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void client.auth.listSessions().then((r) => alive && r.ok && setSnapshot(r.value));
    const off = client.auth.onDidChangeSessions((s) => setSnapshot(s));
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  const none = snapshot !== undefined && snapshot.sessions.length === 0;
  return (
    <EmptyState icon={<AccountsIcon />} title={t('accounts.empty.title')}>
      <p>{none ? t('accounts.empty.noSessions') : t('accounts.empty.body')}</p>
    </EmptyState>
  );
}
