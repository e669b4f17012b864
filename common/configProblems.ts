// Problems in ~/.aws/config in English: the CLI's warnings and the core's messages. The window
// says the same through its catalogs (renderer/src/views/FirstRun/configProblem.ts; a test keeps
// the English catalog equal to these sentences).
import type { ConfigProblem, ConfigProblemCode } from './api/auth';

/** What is wrong, without where (parseIni's problem messages are these). */
export function configProblemDetailInEnglish(code: ConfigProblemCode, params: Readonly<Record<string, string>>): string {
  switch (code) {
    case 'unreadable':
      return params.cause ?? 'cannot be read';
    case 'empty-section':
      return 'empty section name';
    case 'duplicate-section':
      return `duplicate section [${params.section ?? ''}] (the first one is used)`;
    case 'unclosed-section':
      return 'section header is missing its closing ]';
    case 'outside-section':
      return 'setting outside of any [section]';
    case 'nested-expected':
      return 'expected "key = value" in a nested block';
    case 'expected-key-value':
      return 'expected "key = value"';
    case 'session-incomplete':
      return `[${params.section ?? ''}] needs both sso_start_url and sso_region`;
    case 'unknown-session':
      return `profile ${params.profile ?? ''} refers to [sso-session ${params.session ?? ''}], which does not exist`;
    case 'start-url-differs':
      return `profile ${params.profile ?? ''} has a different sso_start_url than [sso-session ${params.session ?? ''}]`;
    case 'no-region':
      return `profile ${params.profile ?? ''} has sso_start_url but no sso_region`;
  }
}

/** A problem with its file and line, as the CLI prints it. */
export function configProblem(path: string, line: number | undefined, code: ConfigProblemCode, params: Record<string, string> = {}): ConfigProblem {
  const detail = configProblemDetailInEnglish(code, params);
  return { path, ...(line !== undefined ? { line } : {}), code, params, message: line !== undefined ? `${path} line ${line}: ${detail}` : `${path}: ${detail}` };
}
