// SSH connections for terminals and the CLI: plan the hops (inventory facts + ~/.ssh/config),
// open the first transport (TCP, or SSH over Session Manager with the user's role credentials),
// log in hop by hop and open a shell. Host keys, keys and prompts are the caller's collaborators.
import type { Duplex } from 'node:stream';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { SshSessionStream } from '../ssm/ports/sshSessionStream';
import { createSsmSessionApi, type SsmSessionApi } from '../ssm/ssmApi';
import type { HostKeyVerifier } from './hostKeyVerifier';
import { planSshRoute, type InstanceFacts, type SshPlan, type SshVia } from './routePlan';
import type { SshConfig } from './sshConfig';
import { openSshChain, type SshChain } from './sshConnection';
import { SshShell } from './sshShell';
import type { SshAccess, SshHop, SshKeyProvider, SshPrompter } from './types';

export interface SshConnectInput {
  access: SshAccess;
  target: InstanceFacts | string;
  via: SshVia;
  osUser?: string;
  /** Sent as StartSession's Reason when the connection goes over Session Manager. */
  reason?: string;
}

export interface SshSessionServiceDeps {
  credentials: Pick<RoleCredentialsService, 'provider'>;
  keys: SshKeyProvider;
  hostKeys: HostKeyVerifier;
  /** ~/.ssh/config as it is now (read at every connect, so edits apply without a restart). */
  sshConfig: () => Promise<SshConfig>;
  ssmApi?: (region: string, credentials: ReturnType<RoleCredentialsService['provider']>) => SsmSessionApi;
  home?: string;
  handshakeTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface SshConnection {
  chain: SshChain;
  plan: SshPlan;
  /** The Session Manager session carrying the connection (SSH over SSM). */
  awsSessionId?: string;
  /** The target hop (the OS user it was logged in as, its label). */
  target: SshHop;
}

export class SshSessionService {
  constructor(private readonly deps: SshSessionServiceDeps) {}

  async plan(input: Pick<SshConnectInput, 'target' | 'via' | 'osUser'>): Promise<SshPlan> {
    const config = await this.deps.sshConfig();
    return planSshRoute({ target: input.target, via: input.via, config, ...(input.osUser ? { osUser: input.osUser } : {}), ...(this.deps.home ? { home: this.deps.home } : {}) });
  }

  async connect(input: SshConnectInput, prompter: SshPrompter, signal?: AbortSignal): Promise<SshConnection> {
    const plan = await this.plan(input);
    let awsSessionId: string | undefined;
    let firstSocket: (() => Promise<Duplex>) | undefined;
    if (plan.transport === 'ssm') {
      const provider = this.deps.credentials.provider(input.access.ssoSessionId, input.access.accountId, input.access.roleName);
      const api = (this.deps.ssmApi ?? createSsmSessionApi)(input.access.region, provider);
      firstSocket = async () => {
        const stream = await SshSessionStream.open({ api, target: plan.hops[0]!.host, reason: input.reason, log: this.deps.log });
        awsSessionId = stream.sessionId;
        return stream;
      };
    }
    const chain = await openSshChain({
      hops: plan.hops,
      access: input.access,
      keys: this.deps.keys,
      prompter,
      hostKeys: this.deps.hostKeys,
      ...(firstSocket ? { firstSocket } : {}),
      ...(this.deps.handshakeTimeoutMs ? { handshakeTimeoutMs: this.deps.handshakeTimeoutMs } : {}),
      ...(signal ? { signal } : {}),
      log: this.deps.log,
    });
    return { chain, plan, target: plan.hops.at(-1)!, ...(awsSessionId ? { awsSessionId } : {}) };
  }

  /** Connects and opens an interactive shell; the shell ends if any hop of the chain goes away. */
  async openShell(input: SshConnectInput, prompter: SshPrompter, size: { cols: number; rows: number }, signal?: AbortSignal): Promise<SshConnection & { shell: SshShell }> {
    const connection = await this.connect(input, prompter, signal);
    try {
      const shell = await SshShell.open(connection.chain.client, size, connection.target.label);
      connection.chain.onDidClose((error) => shell.connectionLost(error));
      shell.onDidEnd(() => connection.chain.close());
      return { ...connection, shell };
    } catch (e) {
      connection.chain.close();
      throw e;
    }
  }
}
