// A search term the Instances view ignored, in the window's language. The CLI says the same in
// English (queryIssueInEnglish); test/i18n/queryIssues.test.ts keeps the English catalog equal.
import { ENVIRONMENTS } from '../../../../common/environments';
import { INSTANCE_STATES, QUERY_FILTER_LIST, type QueryIssue } from '../../../../common/inventory/query';
import type { Translate } from '../../i18n/i18n';

export function queryIssueText(t: Translate, issue: QueryIssue): string {
  switch (issue.code) {
    case 'not-a-filter':
      return t('instances.query.notAFilter', { prefix: issue.prefix, term: issue.term, filters: QUERY_FILTER_LIST });
    case 'tag-needs-key':
      return t('instances.query.tagNeedsKey');
    case 'needs-value':
      return t('instances.query.needsValue', { prefix: issue.prefix, example: issue.example });
    case 'bad-route':
      return t('instances.query.badRoute', { value: issue.value });
    case 'bad-state':
      return t('instances.query.badState', { value: issue.value, states: INSTANCE_STATES.join(', ') });
    case 'bad-env':
      return t('instances.query.badEnv', { value: issue.value, environments: ENVIRONMENTS.join(', ') });
  }
}
