// A port forward's end in the window: the agent's or the error's own words when the core has them,
// otherwise the catalog's wording — English equal to what the CLI prints, Japanese its own.
import { describe, expect, it } from 'vitest';
import { forwardEndText } from '../../main/ssm/ports/portForwardSession';
import { forwardEndNote } from '../../renderer/src/views/SessionsView/forwardEnd';
import { createTranslator } from '../../renderer/src/i18n/i18n';

const en = createTranslator('en');
const ja = createTranslator('ja');

describe('why a port forward ended', () => {
  it.each(['closed', 'failed'] as const)('%s without words: English matches the CLI, Japanese is its own', (reason) => {
    const english = forwardEndText({ reason })!;
    expect(english).toMatch(/^The session/);
    expect(forwardEndNote(en, { endCode: reason })).toBe(english);
    expect(forwardEndNote(ja, { endCode: reason })).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("keeps the agent's or the error's own words, and says nothing for a forward stopped here", () => {
    expect(forwardEndText({ reason: 'closed', message: 'Exiting session with sessionId: s-1.' })).toBe('Exiting session with sessionId: s-1.');
    expect(forwardEndNote(ja, { endCode: 'closed', endReason: 'Exiting session with sessionId: s-1.' })).toBe('Exiting session with sessionId: s-1.');
    expect(forwardEndText({ reason: 'stopped' })).toBeUndefined();
    expect(forwardEndNote(en, { endCode: 'stopped' })).toBeUndefined();
  });
});
