// Where a fumidai:// link goes once Electron has handed it over (command line, second launch,
// macOS open-url). The parser decides whether it is acceptable at all; a rejected link is logged
// with the parser's reason and does nothing. An accepted link never acts on its own authority:
// `login` starts the sign-in the user would start by clicking (the browser page still needs them),
// and `connect` only brings the host up in the Instances view, where opening the shell is the
// user's click — with the reason prompt for production, exactly as without a link.
import { parseDeepLink } from '../../common/deepLinks';
import type { DeepLinkRequest } from '../../common/api/app';
import type { SsoSessionSummary } from '../../common/api/auth';

export interface DeepLinkRouterDeps {
  sessions(): readonly SsoSessionSummary[];
  signIn(sessionId: string): Promise<unknown>;
  /** Tells the window a link is waiting (it then calls take()). */
  notify(action: DeepLinkRequest['action']): void;
  log(message: string): void;
}

export type DeepLinkOutcome = { ok: true; request: DeepLinkRequest } | { ok: false; reason: string };

export class DeepLinkRouter {
  private pending: DeepLinkRequest | null = null;

  constructor(private readonly deps: DeepLinkRouterDeps) {}

  handle(url: string): DeepLinkOutcome {
    const parsed = parseDeepLink(url);
    if (!parsed.ok) return this.reject(parsed.reason);
    const link = parsed.link;
    let request: DeepLinkRequest;
    if (link.action === 'login') {
      const session = this.deps.sessions().find((s) => s.id === link.session);
      if (!session) return this.reject(`there is no SSO session named "${link.session}"`);
      if (session.state !== 'signed-in' && session.state !== 'signing-in') {
        this.deps.signIn(session.id).catch((e: unknown) => this.deps.log(`deep link: sign-in to ${session.id} did not start: ${(e as Error).message}`));
      }
      request = { action: 'login', sessionId: session.id };
    } else {
      request = { action: 'connect', accountId: link.account, instanceId: link.instance, ...(link.region ? { region: link.region } : {}) };
    }
    this.deps.log(`deep link accepted: ${request.action}`);
    this.pending = request;
    this.deps.notify(request.action);
    return { ok: true, request };
  }

  /** The link waiting for the window, handed out once. */
  take(): DeepLinkRequest | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }

  private reject(reason: string): DeepLinkOutcome {
    this.deps.log(`deep link rejected: ${reason}`);
    return { ok: false, reason };
  }
}
