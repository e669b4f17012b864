import { describe, expect, it, vi } from 'vitest';
import type { NotifyInput } from './alertsService';
import type { ActivityApi, TrailEvent } from './activityApi';
import { LoginActivityWatcher } from './loginActivity';

const T0 = Date.UTC(2026, 0, 5, 9);
const target = { ssoSessionId: 'acme', accountId: '111111111111', roleName: 'ReadOnly', region: 'ap-northeast-1' };
const ev = (patch: Partial<TrailEvent>): TrailEvent => ({
  eventId: 'e1',
  eventName: 'StartSession',
  eventSource: 'ssm.amazonaws.com',
  eventTime: T0 + 1000,
  username: 'alice',
  region: 'ap-northeast-1',
  accountId: '111111111111',
  sourceIp: '203.0.113.9',
  userAgent: 'aws-cli/2.15 md/command#ssm.start-session',
  ...patch,
});

function setup(events: TrailEvent[], own: number[] = []) {
  const notified: NotifyInput[] = [];
  const api: ActivityApi = { whoAmI: vi.fn(async () => ({ arn: 'arn:aws:sts::111111111111:assumed-role/ReadOnly/alice', user: 'alice' })), lookup: vi.fn(async () => [...events]) };
  const watcher = new LoginActivityWatcher({
    alerts: { notify: (n: NotifyInput) => void notified.push(n) } as never,
    targets: () => [target, { ...target }],
    api: () => api,
    isThisDevice: (ua) => ua.includes('device/abc123'),
    ownSignIns: () => own,
    now: () => T0,
  });
  return { watcher, notified, api };
}

describe('LoginActivityWatcher', () => {
  it('raises "Was this you?" once for a session from another device, with a link to the event', async () => {
    const { watcher, notified, api } = setup([ev({})]);
    await watcher.poll();
    await watcher.poll();
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({ kind: 'login-activity', severity: 'critical', params: { event: 'StartSession', user: 'alice', sourceIp: '203.0.113.9' } });
    expect(notified[0]!.actions).toEqual([{ type: 'open-url', url: 'https://ap-northeast-1.console.aws.amazon.com/cloudtrailv2/home?region=ap-northeast-1#/events/e1' }]);
    expect(api.lookup).toHaveBeenCalledWith('alice', T0);
    expect(api.whoAmI).toHaveBeenCalledTimes(1);
  });

  it('ignores this device, history before start, other event names, and sign-ins made by this app', async () => {
    const { watcher, notified } = setup(
      [
        ev({ eventId: 'own', userAgent: 'aws-sdk-js/3 fumidai/0.1.0 device/abc123' }),
        ev({ eventId: 'old', eventTime: T0 - 60_000 }),
        ev({ eventId: 'read', eventName: 'DescribeInstances' }),
        ev({ eventId: 'signin-own', eventName: 'Authenticate', eventTime: T0 + 30_000, userAgent: 'Mozilla/5.0' }),
        ev({ eventId: 'signin-other', eventName: 'Authenticate', eventTime: T0 + 3600_000, userAgent: 'Mozilla/5.0' }),
      ],
      [T0 + 20_000],
    );
    await watcher.poll();
    expect(notified.map((n) => n.params?.eventId)).toEqual(['signin-other']);
  });

  it('a role that may not read CloudTrail is skipped after the first refusal', async () => {
    const { watcher, notified, api } = setup([]);
    vi.mocked(api.lookup).mockRejectedValue(Object.assign(new Error('not authorized to perform cloudtrail:LookupEvents'), { name: 'AccessDeniedException' }));
    await watcher.poll();
    await watcher.poll();
    expect(api.lookup).toHaveBeenCalledTimes(1);
    expect(notified).toEqual([]);
  });
});
