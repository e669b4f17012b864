import { describe, expect, it } from 'vitest';
import { checkForwardForm } from './forwardForm';

const v = (over: Partial<Record<'remotePort' | 'remoteHost' | 'localPort' | 'reason', string>> = {}) => ({ remotePort: '5432', remoteHost: '', localPort: '', reason: '', ...over });

describe('checkForwardForm', () => {
  it('accepts a port, an optional host and local port, and asks production for a reason', () => {
    expect(checkForwardForm(v(), false)).toEqual({ ok: true, value: { remotePort: 5432 } });
    expect(checkForwardForm(v({ remoteHost: ' db.internal ', localPort: '15432' }), false)).toEqual({ ok: true, value: { remotePort: 5432, remoteHost: 'db.internal', localPort: 15432 } });
    expect(checkForwardForm(v({ remoteHost: '10.0.1.5', localPort: '0' }), false)).toEqual({ ok: true, value: { remotePort: 5432, remoteHost: '10.0.1.5' } });
    expect(checkForwardForm(v(), true)).toEqual({ ok: false, problems: { reason: 'forward.problem.reason' } });
    expect(checkForwardForm(v({ reason: 'INC-1' }), true)).toEqual({ ok: true, value: { remotePort: 5432, reason: 'INC-1' } });
  });

  it('names each field that is wrong', () => {
    expect(checkForwardForm(v({ remotePort: '' }), false)).toEqual({ ok: false, problems: { remotePort: 'forward.problem.port' } });
    expect(checkForwardForm(v({ remotePort: '0' }), false)).toEqual({ ok: false, problems: { remotePort: 'forward.problem.port' } });
    expect(checkForwardForm(v({ remotePort: '65536', localPort: '-1', remoteHost: 'db;rm -rf' }), false)).toEqual({
      ok: false,
      problems: { remotePort: 'forward.problem.port', localPort: 'forward.problem.localPort', remoteHost: 'forward.problem.host' },
    });
    expect(checkForwardForm(v({ remoteHost: 'a'.repeat(300) }), false)).toMatchObject({ ok: false });
  });
});
