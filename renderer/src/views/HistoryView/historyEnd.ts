// How a recorded session ended, in the window's language: the ends Fumidai words itself come as
// codes (the app quit; Session Manager ended it while the connection was down); anything else is
// the far side's or the error's own words, or simply "ended".
import type { RecordingEntry } from '../../../../common/api/history';
import type { Translate } from '../../i18n/i18n';

export function historyEndText(t: Translate, e: Pick<RecordingEntry, 'endCode' | 'endReason'>): string {
  if (e.endCode === 'quit') return t('history.end.quit');
  if (e.endCode === 'ended-while-disconnected') return t('history.end.endedWhileDisconnected');
  return e.endReason ?? t('history.ended');
}
