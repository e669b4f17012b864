// "Was this you?": watches CloudTrail in the accounts the user works in for sign-ins and session
// starts filed under the user's own identity, and raises a notification for each one that did not
// come from this device. An event is this device's when its user agent carries this
// installation's id (see main/aws/deviceAgent.ts); a sign-in (made in a browser, so without that
// id) is this device's when this app completed a sign-in within a few minutes of it.
// Only events after the watcher started count: history is not news.
import type { AlertsService } from './alertsService';
import type { ActivityApi, TrailEvent } from './activityApi';

/** What the watcher looks for: session starts and sign-ins. */
// Token refreshes (CreateToken) are left out: the AWS CLI on this machine shares the sign-in and refreshes too.
export const WATCHED_EVENTS = new Set(['StartSession', 'Authenticate', 'UserAuthentication', 'ConsoleLogin']);
const SIGN_IN_EVENTS = new Set(['Authenticate', 'UserAuthentication', 'ConsoleLogin']);
/** A sign-in event this close to one this app completed is taken to be that one. */
const OWN_SIGN_IN_SLACK_MS = 5 * 60_000;

export interface WatchTarget {
  ssoSessionId: string;
  accountId: string;
  roleName: string;
  region: string;
}

export interface LoginActivityOptions {
  alerts: Pick<AlertsService, 'notify'>;
  /** Accounts and roles to look in (ones the user has used, with a role that may read CloudTrail). */
  targets: () => WatchTarget[];
  api: (target: WatchTarget) => ActivityApi;
  isThisDevice: (userAgent: string) => boolean;
  /** Times this app completed sign-ins (epoch ms). */
  ownSignIns: () => readonly number[];
  enabled?: () => boolean;
  now?: () => number;
  /** Default 2 minutes. */
  intervalMs?: number;
  log?: (message: string) => void;
}

export function cloudTrailEventUrl(e: Pick<TrailEvent, 'eventId' | 'region'>): string {
  const r = encodeURIComponent(e.region);
  return `https://${r}.console.aws.amazon.com/cloudtrailv2/home?region=${r}#/events/${encodeURIComponent(e.eventId)}`;
}

export class LoginActivityWatcher {
  private readonly seen = new Set<string>();
  private readonly since: number;
  private readonly users = new Map<string, string>();
  /** Targets whose role may not read CloudTrail: skipped, said once. */
  private readonly refused = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling: Promise<void> | undefined;

  constructor(private readonly options: LoginActivityOptions) {
    this.since = this.now();
  }

  start(): void {
    this.timer ??= setInterval(() => void this.poll(), this.options.intervalMs ?? 120_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look at every target; concurrent calls share the look in progress. */
  poll(): Promise<void> {
    if (this.options.enabled && !this.options.enabled()) return Promise.resolve();
    this.polling ??= this.pollAll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async pollAll(): Promise<void> {
    const unique = new Map(this.options.targets().map((t) => [`${t.ssoSessionId}/${t.accountId}/${t.region}`, t]));
    for (const [key, target] of unique) {
      if (this.refused.has(`${key}/${target.roleName}`)) continue;
      try {
        await this.pollOne(target);
      } catch (e) {
        const err = e as { name?: string; message?: string };
        if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(`${err.name} ${err.message}`)) {
          this.refused.add(`${key}/${target.roleName}`);
          this.options.log?.(`login activity: ${target.roleName} in ${target.accountId} may not read CloudTrail; that account is not watched.`);
        } else this.options.log?.(`login activity: could not look in ${target.accountId} (${err.message ?? String(e)}); trying again later.`);
      }
    }
  }

  private async pollOne(target: WatchTarget): Promise<void> {
    const api = this.options.api(target);
    const who = `${target.ssoSessionId}/${target.accountId}/${target.roleName}`;
    let user = this.users.get(who);
    if (!user) {
      user = (await api.whoAmI()).user;
      this.users.set(who, user);
    }
    const events = await api.lookup(user, this.since);
    for (const e of events.reverse()) {
      if (this.seen.has(e.eventId) || e.eventTime < this.since || !WATCHED_EVENTS.has(e.eventName)) continue;
      this.seen.add(e.eventId);
      if (this.isOwn(e)) continue;
      this.options.alerts.notify({
        kind: 'login-activity',
        key: `login-activity:${e.eventId}`,
        severity: 'critical',
        params: {
          event: e.eventName,
          account: e.accountId || target.accountId,
          user: e.username,
          sourceIp: e.sourceIp || '?',
          userAgent: e.userAgent.slice(0, 200) || '?',
          time: e.eventTime,
          eventId: e.eventId,
          ...(e.target ? { target: e.target } : {}),
        },
        actions: [{ type: 'open-url', url: cloudTrailEventUrl(e) }],
      });
    }
  }

  private isOwn(e: TrailEvent): boolean {
    if (this.options.isThisDevice(e.userAgent)) return true;
    if (SIGN_IN_EVENTS.has(e.eventName)) return this.options.ownSignIns().some((t) => Math.abs(t - e.eventTime) <= OWN_SIGN_IN_SLACK_MS);
    return false;
  }
}
