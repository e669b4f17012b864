import { describe, expect, it } from 'vitest';
import { chooseSession } from './services';
import { formatRemaining, table } from './format';
import type { SsoSessionSummary } from '../../common/api/auth';

const s = (id: string, state: SsoSessionSummary['state'] = 'signed-out'): SsoSessionSummary => ({
  id,
  name: id.replace(/^profile:/, ''),
  startUrl: 'https://d-1.awsapps.com/start',
  region: 'us-east-1',
  source: id.startsWith('profile:') ? 'legacy-profile' : 'sso-session',
  state,
  canRefresh: false,
});

describe('chooseSession', () => {
  it('uses --session, the only session, AWS_PROFILE, or the one signed in', () => {
    expect(chooseSession([s('a'), s('b')], 'b', {}).id).toBe('b');
    expect(chooseSession([s('a')], undefined, {}).id).toBe('a');
    expect(chooseSession([s('a'), s('profile:dev')], undefined, { AWS_PROFILE: 'dev' }).id).toBe('profile:dev');
    expect(chooseSession([s('a'), s('b', 'signed-in')], undefined, {}).id).toBe('b');
  });

  it('explains what to do when it cannot choose', () => {
    expect(() => chooseSession([], undefined, {})).toThrow(/No SSO session is configured/);
    expect(() => chooseSession([s('a'), s('b')], undefined, {})).toThrow(/--session: a, b/);
    expect(() => chooseSession([s('a')], 'x', {})).toThrow(/No SSO session named 'x'. Known sessions: a/);
  });
});

describe('format', () => {
  it('formats remaining time', () => {
    expect(formatRemaining(45_000)).toBe('45s');
    expect(formatRemaining(14 * 60_000)).toBe('14m');
    expect(formatRemaining(125 * 60_000)).toBe('2h 05m');
    expect(formatRemaining(-180_000)).toBe('expired 3m ago');
  });

  it('aligns table columns', () => {
    expect(table(['A', 'BB'], [['xxx', 'y']])).toBe('A    BB\nxxx  y\n');
  });
});
