// A start URL or region the core refused, in the window's language: the core's error carries what
// was wrong as `details.problem` with its parameters (main/aws/ssoConfig.ts, main/setup/
// startUrlProbe.ts); anything else keeps the core's own words. The English catalog says exactly
// what the core says (test/i18n/setupProblem.test.ts).
import type { ErrorValue } from '../../../../common/api/errors';
import type { Translate } from '../../i18n/i18n';

export function setupProblemText(t: Translate, error: Pick<ErrorValue, 'message' | 'details'>): string {
  const d = error.details ?? {};
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  const value = text('value');
  switch (d.problem) {
    case 'not-a-url':
      if (value !== undefined) return t('setup.problem.notAUrl', { value });
      break;
    case 'not-https': {
      const scheme = text('scheme');
      if (scheme !== undefined) return t('setup.problem.notHttps', { scheme });
      break;
    }
    case 'no-start-path': {
      const suggestion = text('suggestion');
      if (suggestion !== undefined) return t('setup.problem.noStartPath', { suggestion });
      break;
    }
    case 'bad-region':
      if (value !== undefined) return t('setup.problem.badRegion', { value });
      break;
    case 'unreachable': {
      const region = text('region');
      const cause = text('cause');
      if (region !== undefined && cause !== undefined) return t('setup.problem.unreachable', { region, cause });
      break;
    }
    case 'unknown-start-url': {
      const region = text('region');
      const startUrl = text('startUrl');
      const directory = text('directory');
      if (region !== undefined && startUrl !== undefined) {
        return directory !== undefined ? t('setup.problem.unknownStartUrlDirectory', { region, startUrl, directory }) : t('setup.problem.unknownStartUrl', { region, startUrl });
      }
      break;
    }
  }
  return error.message;
}
