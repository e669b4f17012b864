// IAM Identity Center sessions: which exist, which are signed in, signing in (PKCE by default,
// device code as the fallback), silent refresh before expiry, and sign-out. One sign-in serves
// the AWS CLI too, because tokens live in the CLI's own cache (see TokenStore).
import { FumidaiError } from '../../common/api/errors';
import type { ConfigProblem, SessionsSnapshot, SignInFlow, SsoSessionSummary } from '../../common/api/auth';
import { Emitter, type Event } from '../../common/event';
import { DEFAULT_SCOPES, OidcPollError, type ClientRegistration, type DeviceAuthorization, type OidcApi, type TokenGrant } from './oidc';
import { buildAuthorizeUrl, startLoopbackCallback } from './pkce';
import type { PortalApi, SessionSource, SsoSessionConfig, StoredToken, TokenStore } from './ports';

/** Refresh when less than this is left on the access token (the CLI's advisory window). */
export const REFRESH_WINDOW_MS = 15 * 60_000;
/** After a failed refresh, wait this long before trying again (the CLI's rate). */
export const REFRESH_RETRY_MS = 60_000;
/** Re-register the client when its secret has less than this left. */
const REGISTRATION_MARGIN_MS = 15 * 60_000;

export interface AuthServiceDeps {
  sessions: SessionSource;
  tokens: TokenStore;
  oidc(region: string): OidcApi;
  portal(region: string): PortalApi;
  /** The OIDC endpoint for a region (honours endpoint overrides), for the /authorize URL. */
  oidcEndpoint(region: string): string;
  openBrowser(url: string): Promise<void>;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  log?: (message: string) => void;
  clientName?: string;
}

interface Pending {
  flow: SignInFlow;
  abort: AbortController;
  done: Promise<void>;
  userCode?: string;
  verificationUri?: string;
  verificationUriComplete?: string;
  expiresAt: number;
}

interface SessionRuntime {
  config: SsoSessionConfig;
  token?: StoredToken;
  pending?: Pending;
  error?: { code: string; message: string };
  refreshing?: Promise<void>;
  lastRefreshFailureAt?: number;
}

export function sessionIdOf(config: SsoSessionConfig): string {
  return config.source === 'legacy-profile' ? `profile:${config.legacyProfile ?? config.name}` : config.name;
}

export class AuthService {
  private readonly runtimes = new Map<string, SessionRuntime>();
  private configProblems: ConfigProblem[] = [];
  private readonly didChange = new Emitter<SessionsSnapshot>();
  readonly onDidChange: Event<SessionsSnapshot> = this.didChange.event;
  private readonly didSignOut = new Emitter<string>();
  /** Fires with the session id when its tokens are gone (sign-out, or expired beyond refresh). */
  readonly onDidSignOut: Event<string> = this.didSignOut.event;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly deps: AuthServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? defaultSleep;
  }

  /** Re-reads ~/.aws/config and the token cache (call at start and when the files change). */
  async reload(): Promise<SessionsSnapshot> {
    const { sessions, problems } = await this.deps.sessions.list();
    this.configProblems = problems;
    const seen = new Set<string>();
    for (const config of sessions) {
      const id = sessionIdOf(config);
      seen.add(id);
      const runtime = this.runtimes.get(id) ?? { config };
      runtime.config = config;
      try {
        runtime.token = await this.deps.tokens.read(config);
      } catch (e) {
        runtime.token = undefined;
        runtime.error = { code: 'InvalidConfig', message: (e as Error).message };
      }
      this.runtimes.set(id, runtime);
    }
    for (const id of [...this.runtimes.keys()]) {
      if (!seen.has(id) && !this.runtimes.get(id)?.pending) this.runtimes.delete(id);
    }
    return this.publish();
  }

  snapshot(): SessionsSnapshot {
    return { sessions: [...this.runtimes.entries()].map(([id, r]) => this.summarize(id, r)), configProblems: [...this.configProblems] };
  }

  summary(sessionId: string): SsoSessionSummary {
    return this.summarize(sessionId, this.runtime(sessionId));
  }

  async addSession(input: { name: string; startUrl: string; region: string; scopes?: string[]; writeToAwsConfig?: boolean }): Promise<SsoSessionSummary> {
    const config = await this.deps.sessions.add({
      name: input.name,
      startUrl: input.startUrl,
      region: input.region,
      scopes: input.scopes?.length ? input.scopes : DEFAULT_SCOPES,
      writeToAwsConfig: input.writeToAwsConfig ?? false,
    });
    await this.reload();
    return this.summary(sessionIdOf(config));
  }

  /**
   * Starts signing in. Resolves once the user has something to do (the browser page is open, or
   * the device code is known); the outcome arrives through onDidChange and `waitForSignIn`.
   * Only one sign-in per session runs at a time: a second call returns the one in progress.
   */
  async signIn(sessionId: string, flow?: SignInFlow): Promise<SsoSessionSummary> {
    const runtime = this.runtime(sessionId);
    if (runtime.pending) return this.summary(sessionId);
    // Legacy profiles cannot use PKCE (the CLI uses the device flow for them too).
    const chosen: SignInFlow = runtime.config.source === 'legacy-profile' ? 'device' : (flow ?? 'pkce');
    const abort = new AbortController();
    let ready!: () => void;
    const readyPromise = new Promise<void>((r) => (ready = r));
    const pending: Pending = { flow: chosen, abort, expiresAt: this.now() + 5 * 60_000, done: Promise.resolve() };
    runtime.pending = pending;
    runtime.error = undefined;
    pending.done = (chosen === 'pkce' ? this.runPkce(runtime, pending, ready) : this.runDevice(runtime, pending, ready))
      .then(async (grant) => {
        await this.store(runtime, grant.token, grant.registration);
        runtime.error = undefined;
        this.deps.log?.(`signed in to ${sessionId}`);
      })
      .catch((e: unknown) => {
        const err = e instanceof FumidaiError ? e : new FumidaiError('Internal', (e as Error).message);
        runtime.error = { code: err.code, message: err.message };
      })
      .finally(() => {
        if (runtime.pending === pending) runtime.pending = undefined;
        ready();
        this.publish();
      });
    await readyPromise;
    this.publish();
    return this.summary(sessionId);
  }

  /** Resolves when the sign-in in progress ends; throws its error if it failed. */
  async waitForSignIn(sessionId: string): Promise<SsoSessionSummary> {
    const runtime = this.runtime(sessionId);
    await runtime.pending?.done;
    if (runtime.error && !runtime.token) throw new FumidaiError(runtime.error.code as never, runtime.error.message);
    return this.summary(sessionId);
  }

  cancelSignIn(sessionId: string): SsoSessionSummary {
    this.runtime(sessionId).pending?.abort.abort();
    return this.summary(sessionId);
  }

  async signOut(sessionId: string): Promise<SsoSessionSummary> {
    const runtime = this.runtime(sessionId);
    runtime.pending?.abort.abort();
    const token = runtime.token;
    runtime.token = undefined;
    runtime.error = undefined;
    if (token && token.expiresAt > this.now()) {
      // Revoke server-side too; a failure here must not keep the user signed in locally.
      await this.deps
        .portal(runtime.config.region)
        .logout(token.accessToken)
        .catch((e) => this.deps.log?.(`logout call failed for ${sessionId}: ${(e as Error).message}`));
    }
    await this.deps.tokens.remove(runtime.config);
    this.didSignOut.fire(sessionId);
    this.publish();
    return this.summary(sessionId);
  }

  /** A valid access token for API calls, refreshing first if it is about to expire. */
  async accessToken(sessionId: string): Promise<string> {
    const runtime = this.runtime(sessionId);
    if (runtime.token && runtime.token.expiresAt - this.now() < REFRESH_WINDOW_MS) await this.refresh(sessionId);
    const token = runtime.token;
    if (!token) throw new FumidaiError('SsoExpired', `Not signed in to ${runtime.config.name}. Sign in to continue.`);
    if (token.expiresAt <= this.now()) throw new FumidaiError('SsoExpired', `The sign-in to ${runtime.config.name} has expired. Sign in again.`);
    return token.accessToken;
  }

  /** Periodic housekeeping: refresh tokens entering the refresh window, publish expiries. */
  async tick(): Promise<void> {
    for (const [id, r] of this.runtimes) {
      if (r.token && r.token.expiresAt - this.now() < REFRESH_WINDOW_MS) await this.refresh(id).catch(() => {});
    }
    this.publish();
  }

  /** Refreshes with the refresh token; never more than one refresh per session in flight. */
  refresh(sessionId: string): Promise<void> {
    const runtime = this.runtime(sessionId);
    if (runtime.refreshing) return runtime.refreshing;
    const token = runtime.token;
    if (!token?.refreshToken || !token.clientId || !token.clientSecret) return Promise.resolve();
    if ((token.registrationExpiresAt ?? Infinity) <= this.now()) return Promise.resolve();
    if (runtime.lastRefreshFailureAt && this.now() - runtime.lastRefreshFailureAt < REFRESH_RETRY_MS) return Promise.resolve();
    runtime.refreshing = this.deps
      .oidc(runtime.config.region)
      .refresh({ clientId: token.clientId, clientSecret: token.clientSecret }, token.refreshToken)
      .then(async (grant) => {
        runtime.lastRefreshFailureAt = undefined;
        await this.store(runtime, { ...grant, refreshToken: grant.refreshToken ?? token.refreshToken }, {
          clientId: token.clientId!,
          clientSecret: token.clientSecret!,
          expiresAt: token.registrationExpiresAt ?? Infinity,
          scopes: runtime.config.scopes,
        });
        this.deps.log?.(`refreshed ${sessionId}`);
      })
      .catch((e: unknown) => {
        runtime.lastRefreshFailureAt = this.now();
        const err = e instanceof FumidaiError ? e : new FumidaiError('Internal', (e as Error).message);
        if (err.code === 'SsoExpired' && runtime.token) {
          // The refresh token is dead: keep the access token until it expires, but say so.
          runtime.token = { ...runtime.token, refreshToken: undefined };
        }
        runtime.error = { code: err.code, message: err.message };
        this.deps.log?.(`refresh failed for ${sessionId}: ${err.message}`);
      })
      .finally(() => {
        runtime.refreshing = undefined;
        this.publish();
      });
    return runtime.refreshing;
  }

  dispose(): void {
    for (const r of this.runtimes.values()) r.pending?.abort.abort();
    this.didChange.dispose();
  }

  // ---- flows ---------------------------------------------------------------------------------

  private async registration(runtime: SessionRuntime, kind: 'device' | 'pkce'): Promise<ClientRegistration> {
    const cached = await this.deps.tokens.readRegistration(runtime.config, kind).catch(() => undefined);
    if (cached && cached.expiresAt - this.now() > REGISTRATION_MARGIN_MS) return cached;
    const reg = await this.deps.oidc(runtime.config.region).registerClient({
      clientName: `${this.deps.clientName ?? 'fumidai'}-${runtime.config.name}`.slice(0, 64),
      scopes: runtime.config.scopes.length ? runtime.config.scopes : DEFAULT_SCOPES,
      ...(kind === 'pkce' ? { pkce: { issuerUrl: runtime.config.startUrl } } : {}),
    });
    await this.deps.tokens.writeRegistration(runtime.config, kind, reg);
    return reg;
  }

  private async runPkce(runtime: SessionRuntime, pending: Pending, ready: () => void): Promise<{ token: TokenGrant; registration: ClientRegistration }> {
    const reg = await this.registration(runtime, 'pkce');
    const callback = await startLoopbackCallback({ signal: pending.abort.signal, timeoutMs: pending.expiresAt - this.now() });
    const url = buildAuthorizeUrl({
      oidcEndpoint: this.deps.oidcEndpoint(runtime.config.region),
      clientId: reg.clientId,
      redirectUri: callback.redirectUri,
      state: callback.state,
      codeChallenge: callback.codeChallenge,
      scopes: runtime.config.scopes.length ? runtime.config.scopes : DEFAULT_SCOPES,
    });
    pending.verificationUriComplete = url;
    try {
      await this.deps.openBrowser(url);
    } catch (e) {
      callback.close();
      throw new FumidaiError('NotSupported', `Could not open a browser for sign-in (${(e as Error).message}). Use the device code instead.`);
    }
    ready();
    this.publish();
    const code = await callback.code;
    const token = await this.deps.oidc(runtime.config.region).createTokenFromCode(reg, { code, redirectUri: callback.redirectUri, codeVerifier: callback.codeVerifier });
    return { token, registration: reg };
  }

  private async runDevice(runtime: SessionRuntime, pending: Pending, ready: () => void): Promise<{ token: TokenGrant; registration: ClientRegistration }> {
    const oidc = this.deps.oidc(runtime.config.region);
    const reg = await this.registration(runtime, 'device');
    const auth: DeviceAuthorization = await oidc.startDeviceAuthorization(reg, runtime.config.startUrl);
    pending.userCode = auth.userCode;
    pending.verificationUri = auth.verificationUri;
    pending.verificationUriComplete = auth.verificationUriComplete;
    pending.expiresAt = auth.expiresAt;
    let interval = auth.intervalSeconds;
    // One CreateToken straight away, as the CLI does (the user may already have approved).
    const first = await this.pollOnce(oidc, reg, auth.deviceCode);
    if (first) return { token: first, registration: reg };
    ready();
    this.publish();
    this.deps.openBrowser(auth.verificationUriComplete).catch((e) => this.deps.log?.(`could not open the browser: ${(e as Error).message}`));
    for (;;) {
      if (this.now() >= auth.expiresAt) throw new FumidaiError('Timeout', 'The sign-in code expired before it was approved. Start the sign-in again.');
      await this.sleep(interval * 1000, pending.abort.signal);
      try {
        const token = await this.pollOnce(oidc, reg, auth.deviceCode);
        if (token) return { token, registration: reg };
      } catch (e) {
        if (e instanceof OidcPollError && e.kind === 'slow-down') interval += 5;
        else throw e;
      }
    }
  }

  private async pollOnce(oidc: OidcApi, reg: ClientRegistration, deviceCode: string): Promise<TokenGrant | undefined> {
    try {
      return await oidc.createTokenFromDeviceCode(reg, deviceCode);
    } catch (e) {
      if (e instanceof OidcPollError && e.kind === 'pending') return undefined;
      throw e;
    }
  }

  private async store(runtime: SessionRuntime, grant: TokenGrant, reg: ClientRegistration): Promise<void> {
    const token: StoredToken = {
      startUrl: runtime.config.startUrl,
      region: runtime.config.region,
      accessToken: grant.accessToken,
      expiresAt: grant.expiresAt,
      ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      ...(Number.isFinite(reg.expiresAt) ? { registrationExpiresAt: reg.expiresAt } : {}),
    };
    await this.deps.tokens.write(runtime.config, token);
    runtime.token = token;
  }

  // ---- state -----------------------------------------------------------------------------------

  private runtime(sessionId: string): SessionRuntime {
    const r = this.runtimes.get(sessionId);
    if (!r) throw new FumidaiError('NotFound', `There is no SSO session named ${sessionId}. Add it first, or check ~/.aws/config.`);
    return r;
  }

  private summarize(id: string, r: SessionRuntime): SsoSessionSummary {
    const now = this.now();
    const t = r.token;
    const canRefresh = !!(t?.refreshToken && t.clientId && t.clientSecret && (t.registrationExpiresAt ?? Infinity) > now);
    let state: SsoSessionSummary['state'];
    if (r.pending) state = 'signing-in';
    else if (t && t.expiresAt > now) state = 'signed-in';
    else if (t) state = 'expired';
    else if (r.error && r.error.code !== 'Cancelled') state = 'error';
    else state = 'signed-out';
    return {
      id,
      name: r.config.name,
      startUrl: r.config.startUrl,
      region: r.config.region,
      source: r.config.source,
      state,
      ...(t ? { expiresAt: t.expiresAt } : {}),
      canRefresh,
      ...(r.pending
        ? {
            pending: {
              flow: r.pending.flow,
              userCode: r.pending.userCode,
              verificationUri: r.pending.verificationUri,
              verificationUriComplete: r.pending.verificationUriComplete,
              expiresAt: r.pending.expiresAt,
            },
          }
        : {}),
      ...(r.error ? { error: r.error } : {}),
    };
  }

  private publish(): SessionsSnapshot {
    const snap = this.snapshot();
    this.didChange.fire(snap);
    return snap;
  }
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new FumidaiError('Cancelled', 'Sign-in cancelled.'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new FumidaiError('Cancelled', 'Sign-in cancelled.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
