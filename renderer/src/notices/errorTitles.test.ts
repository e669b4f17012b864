import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../common/api/errors';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { errorTitleKey } from './errorTitles';

describe('error titles', () => {
  it('translate every stable error code into both languages, each with its own text', () => {
    const titles = ERROR_CODES.map((code) => errorTitleKey(code));
    for (const key of titles) {
      expect(en[key], key).toBeTruthy();
      expect(ja[key], key).toBeTruthy();
    }
    expect(new Set(titles).size).toBe(ERROR_CODES.length);
    expect(titles).not.toContain('errors.code.other');
  });

  it('falls back to a generic title for a code this build does not know', () => {
    expect(errorTitleKey('SomethingNew')).toBe('errors.code.other');
  });
});
