// A button that opens a session on a host — a Session Manager shell, SSH through its bastion or
// over Session Manager. On production hosts it asks for the reason first (useReasonPrompt); the
// reason goes into StartSession and the recording.
import type { InstanceSummary } from '../../../../common/api/inventory';
import { useReasonPrompt } from '../../components/useReasonPrompt';

interface Props {
  instance: InstanceSummary;
  label: string;
  onOpen: (reason?: string) => void;
  testId: string;
  className?: string;
  describedBy?: string;
}

export function OpenSessionButton({ instance, label, onOpen, testId, className, describedBy }: Props) {
  const prompt = useReasonPrompt(
    (i: InstanceSummary) => i,
    (_i, reason) => onOpen(reason),
  );
  return (
    <>
      <button
        type="button"
        className={className ?? 'button'}
        data-testid={testId}
        aria-describedby={describedBy}
        onClick={(e) => {
          // Inside a list row: the click opens the session, not the row's detail.
          e.stopPropagation();
          prompt.request(instance);
        }}
      >
        {label}
      </button>
      {prompt.dialog}
    </>
  );
}
