import { EmptyState } from '../../components/EmptyState';
import { InstancesIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/i18n';

export function InstancesView() {
  const { t } = useI18n();
  return (
    <EmptyState icon={<InstancesIcon />} title={t('instances.empty.title')}>
      <p>{t('instances.empty.body')}</p>
    </EmptyState>
  );
}
