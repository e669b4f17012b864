// What a view shows before it has anything: what will appear here, and the one next step
// (`action`, usually a button that leads to where that step happens).
import type { ReactNode } from 'react';

interface Props {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ icon, title, children, action }: Props) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-state__icon">{icon}</div>
      <h2 className="empty-state__title">{title}</h2>
      <div className="empty-state__body">{children}</div>
      {action && <div className="empty-state__action">{action}</div>}
    </div>
  );
}
