// Why a port forward ended, in the window's language: the agent's or the error's own words when
// the core has them, otherwise the catalog's wording for how it ended (the CLI's English is
// forwardEndText in the core; test/i18n/forwardEnd.test.ts keeps the two equal).
import type { ForwardSummary } from '../../../../common/api/forwards';
import type { Translate } from '../../i18n/i18n';

export function forwardEndNote(t: Translate, f: Pick<ForwardSummary, 'endCode' | 'endReason'>): string | undefined {
  if (f.endReason) return f.endReason;
  if (f.endCode === 'closed') return t('sessions.forward.end.closed');
  if (f.endCode === 'failed') return t('sessions.forward.end.failed');
  return undefined;
}
