import { EmptyState } from '../../components/EmptyState';
import { SessionsIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/i18n';

export function SessionsView() {
  const { t } = useI18n();
  return (
    <EmptyState icon={<SessionsIcon />} title={t('sessions.empty.title')}>
      <p>{t('sessions.empty.body')}</p>
    </EmptyState>
  );
}
