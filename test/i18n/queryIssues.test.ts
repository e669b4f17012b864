// Search mistakes in the Instances view, in the window's language: for every kind of ignored term
// the English catalog says exactly what the CLI warns, and Japanese says it in Japanese.
import { describe, expect, it } from 'vitest';
import { parseInstanceQuery } from '../../common/inventory/query';
import { queryIssueText } from '../../renderer/src/views/InstancesView/queryIssue';
import { createTranslator } from '../../renderer/src/i18n/i18n';

const en = createTranslator('en');
const ja = createTranslator('ja');

describe('search problems in the window', () => {
  it('covers every kind, English equal to the CLI, Japanese its own', () => {
    const q = parseInstanceQuery('regoin:us tag: env: route:sssm state:runing env:qa web');
    expect(q.issues.map((i) => i.code)).toEqual(['not-a-filter', 'tag-needs-key', 'needs-value', 'bad-route', 'bad-state', 'bad-env']);
    expect(q.issues.map((i) => queryIssueText(en, i))).toEqual(q.problems);
    for (const issue of q.issues) {
      const text = queryIssueText(ja, issue);
      expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text).not.toMatch(/\{\w+\}/);
    }
    expect(queryIssueText(ja, q.issues[0]!)).toBe('「regoin:」というフィルターはないため、「regoin:us」を文字列として検索します。使えるフィルター: tag:, env:, state:, route:, region:, account:, name:, id:, ip:, platform:。');
    expect(queryIssueText(ja, q.issues[3]!)).toBe('route:sssm という接続方法はありません。route:ssm、route:bastion、route:unreachable のいずれかを使ってください。');
  });
});
