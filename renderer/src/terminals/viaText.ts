// How an SSH tab reached its host, as the tab says it: the bastions it went through, Session
// Manager, or a direct connection. The core says which kind of path and names the bastions
// (main/ssh/terminalOpener.ts); the window words it in its language.
import type { TerminalSummary } from '../../../common/api/sessions';
import type { Translate } from '../i18n/i18n';

export function viaText(summary: Pick<TerminalSummary, 'kind' | 'via' | 'viaKind'> | undefined, t: Translate): string | undefined {
  if (summary?.kind !== 'ssh') return undefined;
  if (summary.viaKind === 'ssm') return t('terminal.via.ssm');
  if (summary.viaKind === 'direct') return t('terminal.via.direct');
  if (summary.viaKind === 'bastion' && summary.via) return t('terminal.via.jumps', { hops: summary.via });
  return undefined;
}
