import { describe, expect, it } from 'vitest';
import { NotificationRules } from './notificationRules';

const MIN = 60_000;

describe('NotificationRules', () => {
  it('merges the same key within the dedupe window, and treats it as new after', () => {
    const rules = new NotificationRules({ dedupeWindowMs: 10 * MIN });
    expect(rules.decide('expiring:sso:acme', 'n1', 0)).toEqual({ kind: 'new', show: true });
    expect(rules.decide('expiring:sso:acme', 'n2', 3 * MIN)).toEqual({ kind: 'merge', into: 'n1' });
    // The window slides with each repeat: a flapping condition stays one notification.
    expect(rules.decide('expiring:sso:acme', 'n2', 12 * MIN)).toEqual({ kind: 'merge', into: 'n1' });
    expect(rules.decide('expiring:sso:acme', 'n2', 30 * MIN)).toEqual({ kind: 'new', show: true });
  });

  it('lets at most `burst` notifications reach the OS per window; the rest are kept quietly', () => {
    const rules = new NotificationRules({ burst: 3, rateWindowMs: MIN });
    const shown = Array.from({ length: 10 }, (_, i) => rules.decide(`k${i}`, `n${i}`, 1000 + i)).map((v) => v.kind === 'new' && v.show);
    expect(shown).toEqual([true, true, true, false, false, false, false, false, false, false]);
    // A minute later the OS may be told again.
    expect(rules.decide('later', 'n99', 1000 + MIN + 10)).toEqual({ kind: 'new', show: true });
  });

  it('critical notifications always reach the OS', () => {
    const rules = new NotificationRules({ burst: 1 });
    rules.decide('a', 'n1', 0);
    expect(rules.decide('b', 'n2', 1)).toEqual({ kind: 'new', show: false });
    expect(rules.decide('c', 'n3', 2, true)).toEqual({ kind: 'new', show: true });
  });

  it('forget makes the next one new; a clock set back neither merges nor blocks', () => {
    const rules = new NotificationRules({ burst: 1, rateWindowMs: MIN });
    rules.decide('k', 'n1', 10 * MIN);
    rules.forget('k');
    expect(rules.decide('k', 'n2', 10 * MIN + 1)).toEqual({ kind: 'new', show: false });
    // Clock back an hour: earlier timestamps are in "the future" and no longer count.
    expect(rules.decide('k2', 'n3', 0)).toEqual({ kind: 'new', show: true });
  });
});
