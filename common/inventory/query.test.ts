import { describe, expect, it } from 'vitest';
import { filterInstances, matchesInstance, parseInstanceQuery, prepareForSearch } from './query';
import { instance } from './testInstances';

const base = instance();

describe('instance query', () => {
  it.each([
    ['', true],
    ['web', true],
    ['PROD Web', true],
    ['10.0.0.5', true],
    ['acme-prod', true],
    ['111111111111', true],
    ['i-0ab', true],
    ['tag:Role=web', true],
    ['tag:role=WEB', true],
    ['tag:Role=db', false],
    ['tag:Team="Payments Core"', true],
    ['tag:Team=pay*', true],
    ['tag:Team=*core', true],
    ['tag:Team=pay', false],
    ['tag:Owner', false],
    ['tag:Role', true],
    ['tag:=web', true],
    ['route:ssm env:prod region:ap-', true],
    ['route:bastion', false],
    ['route:bastion route:ssm', true],
    ['region:us- region:ap-', true],
    ['region:us-', false],
    ['state:stopped', false],
    ['-state:stopped', true],
    ['-state:running', false],
    ['-tag:Role=web', false],
    ['-staging', true],
    ['-web', false],
    ['staging', false],
    ['"prod-web"', true],
    ['name:"prod-web"', true],
    ['account:acme', true],
    ['account:1111', true],
    ['account:acme-stg', false],
    ['ip:10.0.', true],
    ['ip:192.', false],
    ['id:i-0abc', true],
    ['platform:linux', true],
    ['platform:windows', false],
    ['environment:production', true],
  ])('%s → %s', (q, expected) => {
    expect(matchesInstance(base, parseInstanceQuery(q))).toBe(expected);
  });

  it('reports mistakes instead of silently hiding every row, and ignores those terms', () => {
    const q = parseInstanceQuery('route:sssm state:runing env:qa regoin:us tag: web');
    expect(q.problems).toEqual([
      expect.stringContaining('route:ssm, route:bastion or route:unreachable'),
      expect.stringContaining('state:runing is not an instance state'),
      expect.stringContaining('env:qa is not an environment'),
      expect.stringContaining("'regoin:' is not a filter"),
      expect.stringContaining("'tag:' needs a key"),
    ]);
    expect(q.issues).toEqual([
      { code: 'bad-route', value: 'sssm' },
      { code: 'bad-state', value: 'runing' },
      { code: 'bad-env', value: 'qa' },
      { code: 'not-a-filter', prefix: 'regoin', term: 'regoin:us' },
      { code: 'tag-needs-key' },
    ]);
    expect(matchesInstance(base, parseInstanceQuery('route:sssm web'))).toBe(true);
    expect(parseInstanceQuery('web tag:Role=web').problems).toEqual([]);
  });

  it('matches tag values with regex characters literally', () => {
    const odd = instance({ tags: { Path: 'a.b(c)+[d]' } });
    expect(matchesInstance(odd, parseInstanceQuery('tag:Path=a.b(c)+[d]'))).toBe(true);
    expect(matchesInstance(odd, parseInstanceQuery('tag:Path=axb(c)+[d]'))).toBe(false);
  });

  it('handles hostile text as plain text', () => {
    const hostile = instance({ name: '<img src=x onerror=alert(1)> \u202Egnp.exe 🚀 ' + 'x'.repeat(10_000), tags: { '<b>': '🚀' } });
    expect(matchesInstance(hostile, parseInstanceQuery('<img'))).toBe(true);
    expect(matchesInstance(hostile, parseInstanceQuery('🚀'))).toBe(true);
    expect(matchesInstance(hostile, parseInstanceQuery('tag:<b>=🚀'))).toBe(true);
    expect(matchesInstance(hostile, parseInstanceQuery('(((['))).toBe(false);
  });

  it('filters 20,000 instances well under 200 ms, cold and warm', () => {
    const routes = ['ssm', 'bastion', 'unreachable'] as const;
    const many = Array.from({ length: 20_000 }, (_, n) =>
      instance({
        instanceId: `i-${n.toString(16).padStart(17, '0')}`,
        name: `team${n % 50}-host-${n}`,
        accountName: `team${n % 50}-${n % 2 ? 'prod' : 'dev'}`,
        privateIp: `10.${n % 250}.${Math.floor(n / 250) % 250}.${n % 200}`,
        region: n % 2 ? 'us-west-2' : 'ap-northeast-1',
        tags: { Role: n % 7 === 0 ? 'db' : 'web', Team: `team${n % 50}`, Description: 'd'.repeat(200) },
        route: { kind: routes[n % 3]! },
      }),
    );
    const queries = ['host-1', 'tag:Role=db route:ssm', 'team4 -state:stopped region:us- 10.4', 'tag:Team=team1* env:prod', 'nothing-matches-this'];
    const time = (text: string) => {
      const start = performance.now();
      const hits = filterInstances(many, text);
      return { ms: performance.now() - start, hits };
    };
    // Worst case: the very first keystroke, nothing computed ahead (each row's search text is built
    // on first use). Measured on fresh copies of the rows, best of three: a shared machine can stall
    // any single run for longer than the whole budget, and the question is what the code costs.
    const cold = [0, 1, 2].map(() => {
      const fresh = many.map((i) => ({ ...i }));
      const start = performance.now();
      filterInstances(fresh, 'host-1');
      return performance.now() - start;
    });
    const first = Math.min(...cold);
    expect(first, `first query took ${cold.map((ms) => ms.toFixed(1)).join(' / ')} ms`).toBeLessThan(200);
    prepareForSearch(many);
    for (const text of queries) {
      // Best of three: the machine running the suite is shared, the code path is not.
      const runs = [time(text), time(text), time(text)];
      const ms = Math.min(...runs.map((r) => r.ms));
      const hits = runs[0]!.hits;
      // 200 ms is the budget for keystroke to rendered list; filtering may use a small part of it.
      expect(ms, `'${text}' took ${ms.toFixed(1)} ms`).toBeLessThan(50);
      expect(hits.length).toBe(many.filter((i) => matchesInstance(i, parseInstanceQuery(text))).length);
    }
    expect(filterInstances(many, 'tag:Role=db route:ssm').length).toBe(many.filter((_, n) => n % 7 === 0 && n % 3 === 0).length);
  });
});
