// "SSH" for a host: through its bastion, or over Session Manager. Production hosts ask for a reason
// first, as shells do (it goes into the recording, and into StartSession over Session Manager).
import { useState } from 'react';
import type { InstanceSummary } from '../../../../common/api/inventory';
import { ProductionReasonDialog } from './OpenShellButton';

interface Props {
  instance: InstanceSummary;
  label: string;
  onOpen: (reason?: string) => void;
  testId: string;
  className?: string;
  describedBy?: string;
}

export function OpenSshButton({ instance, label, onOpen, testId, className, describedBy }: Props) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className ?? 'button'}
        data-testid={testId}
        aria-describedby={describedBy}
        onClick={(e) => {
          e.stopPropagation();
          if (instance.environment === 'production') setAsking(true);
          else onOpen();
        }}
      >
        {label}
      </button>
      {asking && (
        <ProductionReasonDialog
          instance={instance}
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => {
            setAsking(false);
            onOpen(reason);
          }}
        />
      )}
    </>
  );
}
