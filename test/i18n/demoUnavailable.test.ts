// An installed app's first run says why there is no demo in the window's language; the English
// catalog says what the core's error says when something asks it to start the demo anyway.
import { describe, expect, it } from 'vitest';
import { NO_SANDBOX_REASON } from '../../main/demo/demoService';
import { createTranslator } from '../../renderer/src/i18n/i18n';

describe('the demo that is not in this build', () => {
  it('is said the same in English as the core says it, and in Japanese in Japanese', () => {
    expect(createTranslator('en')('setup.demo.notInBuild')).toBe(NO_SANDBOX_REASON);
    const ja = createTranslator('ja')('setup.demo.notInBuild');
    expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(ja).toContain('npm run demo');
  });
});
