// A problem in ~/.aws/config in the window's language, from the code and parameters the core
// sends (common/configProblems.ts says the same in English for the CLI; test/i18n/
// configProblems.test.ts keeps the English catalog equal).
import type { ConfigProblem } from '../../../../common/api/auth';
import type { Translate } from '../../i18n/i18n';

function detail(t: Translate, p: ConfigProblem): string {
  const { section = '', profile = '', session = '', cause = '' } = p.params;
  switch (p.code) {
    case 'unreadable':
      return cause;
    case 'empty-section':
      return t('setup.configProblem.emptySection');
    case 'duplicate-section':
      return t('setup.configProblem.duplicateSection', { section });
    case 'unclosed-section':
      return t('setup.configProblem.unclosedSection');
    case 'outside-section':
      return t('setup.configProblem.outsideSection');
    case 'nested-expected':
      return t('setup.configProblem.nestedExpected');
    case 'expected-key-value':
      return t('setup.configProblem.expectedKeyValue');
    case 'session-incomplete':
      return t('setup.configProblem.sessionIncomplete', { section });
    case 'unknown-session':
      return t('setup.configProblem.unknownSession', { profile, session });
    case 'start-url-differs':
      return t('setup.configProblem.startUrlDiffers', { profile, session });
    case 'no-region':
      return t('setup.configProblem.noRegion', { profile });
  }
}

export function configProblemText(t: Translate, p: ConfigProblem): string {
  if (p.code === 'unreadable') return t('setup.configProblem.unreadable', { path: p.path, cause: p.params.cause ?? '' });
  const problem = detail(t, p);
  return p.line !== undefined ? t('setup.configProblem.atLine', { path: p.path, line: p.line, problem }) : t('setup.configProblem.inFile', { path: p.path, problem });
}
