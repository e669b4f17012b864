// How an SSH tab reached its host, as the tab says it: the bastions it went through, Session
// Manager, or a direct connection. The core names the path (main/ssh/terminalOpener.ts); the two
// fixed values are worded here in the window's language.
import type { TerminalSummary } from '../../../common/api/sessions';
import type { Translate } from '../i18n/i18n';

export function viaText(summary: Pick<TerminalSummary, 'kind' | 'via'> | undefined, t: Translate): string | undefined {
  if (summary?.kind !== 'ssh' || !summary.via) return undefined;
  if (summary.via === 'Session Manager') return t('terminal.via.ssm');
  if (summary.via === 'direct') return t('terminal.via.direct');
  return t('terminal.via.jumps', { hops: summary.via });
}
