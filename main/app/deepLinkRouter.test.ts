import { describe, expect, it } from 'vitest';
import type { SsoSessionSummary } from '../../common/api/auth';
import { DeepLinkRouter } from './deepLinkRouter';

function session(id: string, state: SsoSessionSummary['state']): SsoSessionSummary {
  return { id, name: id, startUrl: 'https://d-1.awsapps.com/start', region: 'us-east-1', source: 'sso-session', state, canRefresh: false };
}

function router(sessions: SsoSessionSummary[] = [session('acme', 'signed-out'), session('beta', 'signed-in')]) {
  const log: string[] = [];
  const signIns: string[] = [];
  const notified: string[] = [];
  const r = new DeepLinkRouter({
    sessions: () => sessions,
    signIn: async (id) => void signIns.push(id),
    notify: (a) => void notified.push(a),
    log: (m) => void log.push(m),
  });
  return { r, log, signIns, notified };
}

describe('DeepLinkRouter', () => {
  it('routes connect to the window, which takes it once', () => {
    const { r, notified, signIns } = router();
    expect(r.handle('fumidai://connect?account=123456789012&instance=i-0abc1234def567890&region=ap-northeast-1')).toEqual({
      ok: true,
      request: { action: 'connect', accountId: '123456789012', instanceId: 'i-0abc1234def567890', region: 'ap-northeast-1' },
    });
    expect(notified).toEqual(['connect']);
    expect(signIns).toEqual([]);
    expect(r.take()).toMatchObject({ action: 'connect', instanceId: 'i-0abc1234def567890' });
    expect(r.take()).toBeNull();
  });

  it('starts the sign-in a login link names, unless it is already signed in', () => {
    const { r, signIns, notified } = router();
    expect(r.handle('fumidai://login?session=acme')).toEqual({ ok: true, request: { action: 'login', sessionId: 'acme' } });
    expect(r.handle('fumidai://login?session=beta')).toMatchObject({ ok: true });
    expect(signIns).toEqual(['acme']);
    expect(notified).toEqual(['login', 'login']);
  });

  it.each([
    ['fumidai://login?session=nobody', /no SSO session named "nobody"/],
    ['fumidai://delete?account=123456789012', /unknown action "delete"/],
    ['fumidai://connect?account=123456789012', /missing parameter "instance"/],
    [`fumidai://connect?account=123456789012&instance=i-0abc1234def567890&region=${'a'.repeat(600)}`, /longer than 512/],
    ['fumidai://connect?account=123456789012&instance=i-0abc1234%3Brm%20-rf', /"instance" has an invalid value/],
    ['fumidai://user:pw@connect?account=123456789012&instance=i-0abc1234def567890', /no credentials/],
    ['https://evil.example/connect?account=123456789012&instance=i-0abc1234def567890', /must look like fumidai:/],
  ])('rejects %s with a logged reason and does nothing', (url, reason) => {
    const { r, log, signIns, notified } = router();
    const outcome = r.handle(url);
    expect(outcome.ok).toBe(false);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^deep link rejected: /);
    expect(log[0]).toMatch(reason);
    expect(signIns).toEqual([]);
    expect(notified).toEqual([]);
    expect(r.take()).toBeNull();
  });
});
