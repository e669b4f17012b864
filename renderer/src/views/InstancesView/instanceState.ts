// An EC2 instance state as the window's language says it (the AWS console's words in Japanese).
// English keeps EC2's own names, which are also what the search's state: filter takes; a state
// EC2 adds later is shown as it comes.
import type { MessageKey, Translate } from '../../i18n/i18n';

const KNOWN = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const;

export function instanceStateLabel(t: Translate, state: string): string {
  return (KNOWN as readonly string[]).includes(state) ? t(`instances.state.${state}` as MessageKey) : state;
}
