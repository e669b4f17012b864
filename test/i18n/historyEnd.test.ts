// How a recorded session ended, in History: the ends Fumidai words itself are said in the window's
// language (English equal to what the recording file keeps), anything else in its own words.
import { describe, expect, it } from 'vitest';
import { ENDED_WHILE_DISCONNECTED } from '../../main/ssm/client/dataChannelClient';
import { QUIT_REASON } from '../../main/sessions/terminalService';
import { historyEndText } from '../../renderer/src/views/HistoryView/historyEnd';
import { createTranslator } from '../../renderer/src/i18n/i18n';

const en = createTranslator('en');
const ja = createTranslator('ja');

describe('how a recorded session ended', () => {
  it.each([
    ['quit', QUIT_REASON],
    ['ended-while-disconnected', ENDED_WHILE_DISCONNECTED],
  ] as const)('%s: English as the file says it, Japanese its own', (endCode, english) => {
    expect(historyEndText(en, { endCode, endReason: english })).toBe(english);
    expect(historyEndText(ja, { endCode, endReason: english })).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("keeps the far side's words, and says 'ended' when there are none", () => {
    expect(historyEndText(ja, { endReason: 'Exiting session with sessionId: s-1.' })).toBe('Exiting session with sessionId: s-1.');
    expect(historyEndText(ja, {})).toBe('終了');
  });
});
