// The forwards a user has running, for the Sessions view and `fumidai forward`: start one with
// role credentials, list them with live traffic counters, stop one, and hear about every change.
import { FumidaiError } from '../../../common/api/errors';
import type { Environment } from '../../../common/environments';
import { Emitter, type Event } from '../../../common/event';
import type { RoleCredentialsService } from '../../accounts/roleCredentials';
import { createSsmSessionApi, type SsmSessionApi } from '../ssmApi';
import { PortForwardSession, type PortForwardOptions } from './portForwardSession';

export interface StartForwardInput {
  ssoSessionId: string;
  accountId: string;
  roleName: string;
  region: string;
  instanceId: string;
  remotePort: number;
  /** A host reachable from the instance (e.g. a database endpoint); omitted = the instance. */
  remoteHost?: string;
  /** 0 or omitted = any free port. */
  localPort?: number;
  reason?: string;
  /** Labels for the Sessions view, passed through unchanged. */
  instanceName?: string;
  accountName?: string;
  environment?: Environment;
}

export interface ForwardSummary {
  forwardId: string;
  instanceId: string;
  instanceName?: string;
  accountId: string;
  accountName?: string;
  environment?: Environment;
  roleName: string;
  region: string;
  remoteHost?: string;
  remotePort: number;
  localAddress: string;
  localPort: number;
  mode: 'basic' | 'smux';
  awsSessionId: string;
  state: 'listening' | 'reconnecting' | 'ended';
  bytesIn: number;
  bytesOut: number;
  connections: number;
  activeConnections: number;
  refused: number;
  startedAt: number;
  endedAt?: number;
  /** How it ended (the window words it when there is no `endReason`). */
  endCode?: 'stopped' | 'closed' | 'failed';
  endReason?: string;
}

export interface PortForwardServiceDeps {
  credentials: Pick<RoleCredentialsService, 'provider'>;
  ssmApi?: (region: string, credentials: ReturnType<RoleCredentialsService['provider']>) => SsmSessionApi;
  now?: () => number;
  log?: (message: string) => void;
  /** Channel tuning for tests. */
  channel?: PortForwardOptions['channel'];
}

/** Ended forwards stay listed this long so the user sees why they ended. */
const ENDED_RETENTION_MS = 10 * 60_000;

export class PortForwardService {
  private readonly forwards = new Map<string, { summary: ForwardSummary; session: PortForwardSession }>();
  private nextId = 1;
  private readonly didChange = new Emitter<ForwardSummary>();
  /** A forward started, changed state, moved traffic (at most twice a second), or ended. */
  readonly onDidChange: Event<ForwardSummary> = this.didChange.event;
  private readonly now: () => number;

  constructor(private readonly deps: PortForwardServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async start(input: StartForwardInput): Promise<ForwardSummary> {
    const provider = this.deps.credentials.provider(input.ssoSessionId, input.accountId, input.roleName);
    const api = (this.deps.ssmApi ?? createSsmSessionApi)(input.region, provider);
    const forwardId = `f${this.nextId++}`;
    const session = await PortForwardSession.start({
      api,
      target: input.instanceId,
      remotePort: input.remotePort,
      remoteHost: input.remoteHost,
      localPort: input.localPort,
      reason: input.reason,
      channel: this.deps.channel,
      log: (m) => this.deps.log?.(`forward ${forwardId}: ${m}`),
    });
    const summary: ForwardSummary = {
      forwardId,
      instanceId: input.instanceId,
      ...(input.instanceName ? { instanceName: input.instanceName } : {}),
      accountId: input.accountId,
      ...(input.accountName ? { accountName: input.accountName } : {}),
      ...(input.environment ? { environment: input.environment } : {}),
      roleName: input.roleName,
      region: input.region,
      ...(input.remoteHost ? { remoteHost: input.remoteHost } : {}),
      remotePort: input.remotePort,
      localAddress: session.localAddress,
      localPort: session.localPort,
      mode: session.mode,
      awsSessionId: session.sessionId,
      state: 'listening',
      ...session.stats,
      startedAt: this.now(),
    };
    const entry = { summary, session };
    this.forwards.set(forwardId, entry);
    session.onDidChange(() => {
      Object.assign(summary, session.stats, { state: session.state });
      this.didChange.fire({ ...summary });
    });
    session.onDidEnd((end) => {
      Object.assign(summary, session.stats, { state: 'ended', endedAt: this.now(), endCode: end.reason }, end.message ? { endReason: end.message } : {});
      this.didChange.fire({ ...summary });
      setTimeout(() => this.forwards.delete(forwardId), ENDED_RETENTION_MS).unref?.();
    });
    this.didChange.fire({ ...summary });
    return { ...summary };
  }

  list(): ForwardSummary[] {
    return [...this.forwards.values()].map((f) => ({ ...f.summary, ...(f.summary.state === 'ended' ? {} : f.session.stats) }));
  }

  async stop(forwardId: string): Promise<void> {
    const f = this.forwards.get(forwardId);
    if (!f) throw new FumidaiError('NotFound', `No port forward ${forwardId}.`);
    await f.session.stop();
  }

  async disposeAll(): Promise<void> {
    await Promise.all([...this.forwards.values()].map((f) => f.session.stop()));
  }
}
