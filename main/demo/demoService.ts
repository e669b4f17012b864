// "Try the demo": starts the local sandbox AWS, points Fumidai at it the standard way (the
// AWS_ENDPOINT_URL override every AWS SDK and the CLI honour — there is no demo-only code path in
// the services), adds an in-memory SSO session for it and signs in as the sandbox's first user.
// Demo mode lasts until Fumidai quits; the UI badges it the whole time.
import type { DemoStatus } from '../../common/api/setup';
import { FumidaiError } from '../../common/api/errors';
import type { SsoSessionSummary } from '../../common/api/auth';
import { DEMO_SESSION_NAME, type DemoOverlay } from './demoOverlay';

/** A running sandbox: what Fumidai needs to use it. */
export interface SandboxAws {
  endpoint: string;
  region: string;
  startUrl: string;
  /** Approves a device sign-in code as the sandbox's demo user (what a person does on its page). */
  approve(userCode: string): Promise<void>;
  close(): Promise<void>;
}

/** Where the sandbox comes from. Installed apps have none (see sandboxLoader.ts). */
export interface DemoSandbox {
  /** Why this build cannot start the sandbox, or undefined when it can. */
  unavailableReason(): string | undefined;
  start(): Promise<SandboxAws>;
}

export const NO_SANDBOX_REASON = 'This build of Fumidai does not include the demo sandbox (installed apps leave it out). To try Fumidai without an AWS account, run `npm run demo` in a source checkout.';

export interface DemoServiceDeps {
  sandbox: DemoSandbox | undefined;
  overlay: DemoOverlay;
  /** The environment the AWS SDK clients read (process.env in the app). */
  env: NodeJS.ProcessEnv;
  auth: {
    reload(): Promise<unknown>;
    signIn(sessionId: string, flow: 'device'): Promise<SsoSessionSummary>;
    waitForSignIn(sessionId: string): Promise<SsoSessionSummary>;
  };
  log?: (message: string) => void;
}

export class DemoService {
  private state: DemoStatus['state'] = 'off';
  private error: string | undefined;
  private running: SandboxAws | undefined;
  private starting: Promise<DemoStatus> | undefined;
  private readonly listeners = new Set<(s: DemoStatus) => void>();

  constructor(private readonly deps: DemoServiceDeps) {}

  status(): DemoStatus {
    const reason = this.deps.sandbox ? this.deps.sandbox.unavailableReason() : NO_SANDBOX_REASON;
    return {
      available: !reason,
      // The sandbox is either in this build or not: the one reason there is, as a code.
      ...(reason ? { unavailableReason: 'not-in-build' as const } : {}),
      state: this.state,
      ...(this.state === 'on' ? { sessionId: DEMO_SESSION_NAME } : {}),
      ...(this.state === 'failed' && this.error ? { error: this.error } : {}),
    };
  }

  onDidChange(listener: (s: DemoStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True for pages of the running sandbox (its sign-in page): the demo approves those itself. */
  ownsUrl(url: string): boolean {
    return !!this.running && (url === this.running.endpoint || url.startsWith(`${this.running.endpoint}/`));
  }

  start(): Promise<DemoStatus> {
    if (this.state === 'on') return Promise.resolve(this.status());
    this.starting ??= this.run().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async run(): Promise<DemoStatus> {
    const { sandbox, env, overlay, auth, log } = this.deps;
    const reason = sandbox ? sandbox.unavailableReason() : NO_SANDBOX_REASON;
    if (!sandbox || reason) throw new FumidaiError('NotSupported', reason ?? NO_SANDBOX_REASON);
    this.set('starting');
    const saved = { AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL };
    try {
      this.running = await sandbox.start();
      env.AWS_ENDPOINT_URL = this.running.endpoint;
      overlay.activate(this.running.startUrl, this.running.region);
      await auth.reload();
      const pending = await auth.signIn(DEMO_SESSION_NAME, 'device');
      const code = pending.pending?.userCode;
      if (!code) throw new Error(pending.error?.message ?? 'the sandbox did not hand out a sign-in code');
      await this.running.approve(code);
      await auth.waitForSignIn(DEMO_SESSION_NAME);
      log?.(`demo: signed in to the sandbox at ${this.running.endpoint}`);
      this.set('on');
      return this.status();
    } catch (e) {
      const message = `The demo could not start: ${(e as Error).message}`;
      log?.(message);
      const running = this.running;
      this.running = undefined;
      if (saved.AWS_ENDPOINT_URL === undefined) delete env.AWS_ENDPOINT_URL;
      else env.AWS_ENDPOINT_URL = saved.AWS_ENDPOINT_URL;
      overlay.deactivate();
      await auth.reload().catch(() => {});
      await running?.close().catch(() => {});
      this.set('failed', message);
      throw new FumidaiError(e instanceof FumidaiError ? e.code : 'Internal', message);
    }
  }

  private set(state: DemoStatus['state'], error?: string): void {
    this.state = state;
    this.error = error;
    const status = this.status();
    for (const l of this.listeners) l(status);
  }

  async dispose(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.close();
  }
}
