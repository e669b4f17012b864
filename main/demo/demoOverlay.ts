// The demo's SSO session lives in memory only: it is added over the real session source and token
// store, so nothing of the demo (a session pointing at a sandbox that is gone after quitting, its
// tokens) is ever written to ~/.aws/config, the AWS CLI's token cache or Fumidai's own files.
import type { SessionSource, SsoSessionConfig, StoredToken, TokenStore } from '../auth/ports';
import type { ClientRegistration } from '../auth/oidc';

export const DEMO_SESSION_NAME = 'fumidai-demo';

export class DemoOverlay {
  private session: SsoSessionConfig | undefined;
  private token: StoredToken | undefined;
  private readonly registrations = new Map<string, ClientRegistration>();

  constructor(
    private readonly real: { sessions: SessionSource; tokens: TokenStore },
  ) {}

  /** Adds the demo session (replacing an earlier one). */
  activate(startUrl: string, region: string): SsoSessionConfig {
    this.session = { name: DEMO_SESSION_NAME, startUrl, region, scopes: ['sso:account:access'], source: 'app' };
    this.token = undefined;
    this.registrations.clear();
    return this.session;
  }

  /** Takes the demo session away again (a demo that failed to start). */
  deactivate(): void {
    this.session = undefined;
    this.token = undefined;
    this.registrations.clear();
  }

  private isDemo(s: SsoSessionConfig): boolean {
    return !!this.session && s.name === this.session.name && s.startUrl === this.session.startUrl;
  }

  readonly sessions: SessionSource = {
    list: async () => {
      const listed = await this.real.sessions.list();
      if (!this.session) return listed;
      return { sessions: [...listed.sessions.filter((s) => s.name !== DEMO_SESSION_NAME), this.session], problems: listed.problems };
    },
    add: (s) => this.real.sessions.add(s),
  };

  readonly tokens: TokenStore = {
    read: async (s) => (this.isDemo(s) ? this.token : this.real.tokens.read(s)),
    write: async (s, t) => (this.isDemo(s) ? void (this.token = t) : this.real.tokens.write(s, t)),
    remove: async (s) => (this.isDemo(s) ? void (this.token = undefined) : this.real.tokens.remove(s)),
    readRegistration: async (s, kind) => (this.isDemo(s) ? this.registrations.get(kind) : this.real.tokens.readRegistration(s, kind)),
    writeRegistration: async (s, kind, r) => (this.isDemo(s) ? void this.registrations.set(kind, r) : this.real.tokens.writeRegistration(s, kind, r)),
  };
}
