// Why launch at login is not offered is said in the window's language; the English catalog says
// what the core's NotSupported error says, so the two never drift apart.
import { describe, expect, it } from 'vitest';
import { LaunchAtLoginUnsupportedSchema } from '../../common/api/desktop';
import { UNSUPPORTED_REASONS } from '../../main/desktop/loginItemPort';
import { createTranslator } from '../../renderer/src/i18n/i18n';
import { UNSUPPORTED_KEYS } from '../../renderer/src/views/SettingsView/launchAtLogin';

describe('launch at login, not offered here', () => {
  it.each(LaunchAtLoginUnsupportedSchema.options)('%s: the same words in English as the core, and Japanese in Japanese', (reason) => {
    expect(createTranslator('en')(UNSUPPORTED_KEYS[reason])).toBe(UNSUPPORTED_REASONS[reason]);
    expect(createTranslator('ja')(UNSUPPORTED_KEYS[reason])).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
