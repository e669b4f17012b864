// "Ask for a reason on production, open at once elsewhere" — the rule every way of opening a
// session follows (the Open shell and SSH buttons, reopening a tab, the palette and the tray).
// The hook holds who is being asked and renders the one dialog for it.
import { useState, type ReactElement } from 'react';
import { ProductionReasonDialog, type ReasonDialogInstance } from './ProductionReasonDialog';

/** Production hosts are opened only with a reason; other environments need none. */
export function needsReason(instance: { environment?: string }): boolean {
  return instance.environment === 'production';
}

export interface ReasonPrompt<T> {
  /** Opens `subject` now, or asks for the reason first on production; true when it asked. */
  request(subject: T): boolean;
  /** The dialog while someone is being asked, else null; render it anywhere in the view. */
  dialog: ReactElement | null;
}

/**
 * `open(subject)` runs at once for a non-production host; for production it runs with the reason
 * once the user gives one, and not at all when they cancel.
 */
export function useReasonPrompt<T>(instanceOf: (subject: T) => ReasonDialogInstance & { environment?: string }, open: (subject: T, reason?: string) => void): ReasonPrompt<T> {
  // Boxed: a subject that is itself a function must not be taken for a state updater.
  const [asking, setAsking] = useState<{ subject: T } | undefined>(undefined);
  const request = (subject: T): boolean => {
    if (!needsReason(instanceOf(subject))) {
      open(subject);
      return false;
    }
    setAsking({ subject });
    return true;
  };
  const dialog = asking ? (
    <ProductionReasonDialog
      instance={instanceOf(asking.subject)}
      onCancel={() => setAsking(undefined)}
      onConfirm={(reason) => {
        setAsking(undefined);
        open(asking.subject, reason);
      }}
    />
  ) : null;
  return { request, dialog };
}
