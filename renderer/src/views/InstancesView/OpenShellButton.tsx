// "Open shell" for hosts reachable over Session Manager (nothing for the others: they open over
// SSH). Production hosts ask for confirmation and a reason first, like every way of opening.
import type { InstanceSummary } from '../../../../common/api/inventory';
import { useI18n } from '../../i18n/i18n';
import { OpenSessionButton } from './OpenSessionButton';

interface Props {
  instance: InstanceSummary;
  onOpen: (reason?: string) => void;
  /** The button's test id (the list and the detail panel show one each). */
  testId?: string;
  className?: string;
}

export function OpenShellButton({ instance, onOpen, testId, className }: Props) {
  const { t } = useI18n();
  if (instance.route.kind !== 'ssm') return null;
  return <OpenSessionButton instance={instance} label={t('instances.openShell')} onOpen={onOpen} testId={testId ?? `open-shell-${instance.instanceId}`} className={className} />;
}
