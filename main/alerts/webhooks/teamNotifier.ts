// Team notification when a session starts: looks up the environment's webhook, learns who the
// user is (STS GetCallerIdentity, once per role), and hands the post to the sender — all after
// the session has started and without the session waiting for any of it.
import type { Environment } from '../../../common/environments';
import { webhookPayload, type SessionStartFacts } from './webhookPayload';
import type { WebhookSender } from './webhookSender';
import type { Webhook } from './webhookStore';

export interface TeamNotifierDeps {
  hookFor(environment: Environment): Promise<Webhook | undefined>;
  sender: Pick<WebhookSender, 'send'>;
  /** The user's name as AWS knows it, for the role that started the session. */
  whoAmI(input: { ssoSessionId: string; accountId: string; roleName: string; region: string }): Promise<string>;
  log?: (message: string) => void;
}

export type SessionStart = Omit<SessionStartFacts, 'user'> & { ssoSessionId: string; ssoSessionName: string };

export class TeamNotifier {
  private readonly users = new Map<string, Promise<string>>();

  constructor(private readonly deps: TeamNotifierDeps) {}

  /** Fire and forget: returns at once; failures are logged and told by the sender. */
  sessionStarted(start: SessionStart): void {
    void this.post(start).catch((e: unknown) => this.deps.log?.(`team notification skipped: ${(e as Error).message}`));
  }

  private async post(start: SessionStart): Promise<void> {
    const hook = await this.deps.hookFor(start.environment);
    if (!hook) return;
    const key = `${start.ssoSessionId}/${start.account.id}/${start.role}`;
    let user = this.users.get(key);
    if (!user) {
      user = this.deps.whoAmI({ ssoSessionId: start.ssoSessionId, accountId: start.account.id, roleName: start.role, region: start.region });
      this.users.set(key, user);
      user.catch(() => this.users.delete(key));
    }
    // Without STS the post still goes out, naming the SSO session instead of the person.
    const name = await user.catch(() => `${start.ssoSessionName} (identity unavailable)`);
    const { ssoSessionId: _id, ssoSessionName: _name, ...facts } = start;
    this.deps.sender.send(hook.url, webhookPayload(hook.format, { ...facts, user: name }), start.environment);
  }
}
