// `fumidai connect <instance-id>`: a Session Manager shell in the user's own terminal — raw mode,
// the window size sent on start and on every resize, Ctrl-C passed to the remote shell, and the
// remote shell's exit code (when the service reports one) as ours. No AWS CLI, no plugin.
import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { chooseSession, withServices, type CliServices, type CliServicesFactory } from '../services';
import { FumidaiError } from '../../../common/api/errors';
import { DataChannelClient, type ChannelEnd, type DataChannelOptions } from '../../ssm/client/dataChannelClient';
import { ShellSession } from '../../ssm/client/shellSession';
import { createSsmSessionApi, type SsmSessionApi, type StartedSession } from '../../ssm/ssmApi';
import type { RoleCredentialsService } from '../../accounts/roleCredentials';
import { runTerminal, type TerminalEnding } from '../terminal/runTerminal';
import { processTerminal, terminalSize, type TerminalIo } from '../terminal/terminalIo';
import { isInstanceId, isPlausibleName, resolveInstanceName, type NameLookup } from '../../aws/instanceByName';

// ---- shared by connect, exec and forward --------------------------------------------------------

export interface SsmCommandDeps {
  /** How the SSM API is reached (tests pass one backed by the emulator). */
  ssmApi?: (region: string, credentials: ReturnType<RoleCredentialsService['provider']>) => SsmSessionApi;
  /** The user's terminal (defaults to this process's stdin/stdout). */
  terminal?: () => TerminalIo;
  /** Channel tuning for tests. */
  channel?: Partial<DataChannelOptions>;
  /** How a Name tag is looked up (DescribeInstances by default). */
  lookupName?: NameLookup;
}

export const TARGET_OPTIONS = {
  session: { type: 'string' },
  account: { type: 'string' },
  role: { type: 'string' },
  region: { type: 'string' },
  reason: { type: 'string' },
} as const;

export const TARGET_USAGE = [
  '  --account ID     the 12-digit account the instance is in (required)',
  '  --role NAME      the role to use in that account (required)',
  '  --region R       the instance\'s region (default: AWS_REGION, else the SSO session\'s region)',
  '  --session NAME   the SSO session (default: the only one, or AWS_PROFILE\'s)',
  '  --reason TEXT    why you connect; recorded by Session Manager and CloudTrail',
  '',
  'The target is an instance id (i-0123456789abcdef0), a managed node id (mi-…), or an',
  'instance\'s Name tag in that account and region (a name several instances share is refused',
  'with their ids).',
].join('\n');

export interface TargetArgs {
  /** An instance id, or a Name tag to look up (byName). */
  instanceId: string;
  byName: boolean;
  account: string;
  role: string;
  region?: string;
  session?: string;
  reason?: string;
}

/** Validates the common arguments; returns an error message for the user, or the values. */
export function checkTargetArgs(command: string, instanceId: string | undefined, values: Partial<Record<keyof typeof TARGET_OPTIONS, string>>): TargetArgs | string {
  if (!instanceId) return `fumidai ${command}: give the instance id or name, e.g. fumidai ${command} i-0123456789abcdef0 --account 111122223333 --role Admin.`;
  const byName = !isInstanceId(instanceId);
  if (byName && !isPlausibleName(instanceId)) return `fumidai ${command}: '${instanceId}' is neither an instance id (i-… or mi-…) nor an instance name.`;
  if (!values.account || !/^\d{12}$/.test(values.account)) return `fumidai ${command}: --account must be the 12-digit account id.`;
  if (!values.role) return `fumidai ${command}: --role is required (see: fumidai accounts).`;
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(values.region)) return `fumidai ${command}: '${values.region}' is not a region name like eu-west-1.`;
  if (values.reason !== undefined && values.reason.length > 256) return `fumidai ${command}: --reason is limited to 256 characters.`;
  return { instanceId, byName, account: values.account, role: values.role, region: values.region, session: values.session, reason: values.reason };
}

/** The SSM API with the chosen role's credentials, the region it talks to, and the instance id (a name looked up). */
export async function ssmApiFor(svc: CliServices, target: TargetArgs, env: NodeJS.ProcessEnv, deps: SsmCommandDeps): Promise<{ api: SsmSessionApi; region: string; instanceId: string }> {
  const session = chooseSession((await svc.auth.reload()).sessions, target.session, env);
  const region = target.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? session.region;
  const provider = svc.credentials.provider(session.id, target.account, target.role);
  const instanceId = target.byName ? await resolveInstanceName(target.instanceId, { accountId: target.account, region, credentials: provider }, deps.lookupName) : target.instanceId;
  return { api: (deps.ssmApi ?? createSsmSessionApi)(region, provider), region, instanceId };
}

/** A data channel for a started session, resuming and terminating through `api`. */
export function channelFor(api: SsmSessionApi, started: StartedSession, deps: SsmCommandDeps, log?: (m: string) => void): DataChannelClient {
  return new DataChannelClient({
    sessionId: started.sessionId,
    streamUrl: started.streamUrl,
    tokenValue: started.tokenValue,
    resume: () => api.resume(started.sessionId),
    terminate: () => api.terminate(started.sessionId),
    dataKeys: api.dataKeys,
    targetId: started.target,
    log,
    ...deps.channel,
  });
}

/** Turns "sign in first" into the CLI's exit code 3 with the command to run. */
export function signInRequired(e: unknown, io: CliIo): number | undefined {
  if (e instanceof FumidaiError && e.code === 'SsoExpired') {
    io.stderr(`fumidai: ${e.message} Run: fumidai login\n`);
    return EXIT.signInRequired;
  }
  return undefined;
}

// ---- the terminal --------------------------------------------------------------------------------

/** Without a TTY the remote shell gets the plugin's size, so output wraps the way it would there. */
const PLUGIN_SIZE = { cols: 300, rows: 100 };

/**
 * Runs a Session Manager shell in the user's terminal until the session ends (see runTerminal);
 * says so when the connection drops and comes back, and returns the remote shell's exit code
 * when the service reports one.
 */
export async function runConnect(shell: ShellSession, term: TerminalIo, sessionId: string): Promise<number> {
  const size = terminalSize(term) ?? PLUGIN_SIZE;
  shell.resize(size.cols, size.rows);
  const stopNotices = shell.onDidChangeState((state) => {
    if (state === 'reconnecting') term.notice('\r\n[fumidai] connection lost; reconnecting…\r\n');
    else if (state === 'open') term.notice('[fumidai] reconnected\r\n');
  });
  try {
    return await runTerminal(shell, term, (end) => connectEnding(end, sessionId));
  } finally {
    stopNotices();
  }
}

/** The plugin's closing words (scripts and people grep for them), and our exit code. */
export function connectEnding(end: ChannelEnd, sessionId: string): TerminalEnding {
  if (end.reason === 'failed') {
    return { notice: `\r\n\r\nSession ${sessionId} ended: ${end.error?.message ?? 'the connection could not be kept alive'}\r\n`, exitCode: EXIT.failure };
  }
  return {
    notice: end.output ? `\r\n\r\nSessionId: ${sessionId} : ${end.output}\r\n\r\n` : `\r\n\r\nExiting session with sessionId: ${sessionId}.\r\n\r\n`,
    exitCode: end.exitCode ?? EXIT.ok,
  };
}

export function connectCommand(services: CliServicesFactory, deps: SsmCommandDeps = {}): CliCommand {
  return {
    name: 'connect',
    summary: 'Open a Session Manager shell on an instance in this terminal',
    usage: ['Usage: fumidai connect <instance-id> --account ID --role NAME [--region R] [--session NAME] [--reason TEXT]', '', TARGET_USAGE, '', 'The exit code is the remote shell\'s when Session Manager reports it, else 0.'].join('\n'),
    async run(args, io) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: TARGET_OPTIONS });
      if (positionals.length > 1) {
        io.stderr(`fumidai connect: one instance at a time (got ${positionals.join(', ')}); to run a command use: fumidai exec <instance-id> -- command\n`);
        return EXIT.usage;
      }
      const target = checkTargetArgs('connect', positionals[0], values);
      if (typeof target === 'string') {
        io.stderr(`${target}\n`);
        return EXIT.usage;
      }
      return withServices(services, io.env, async (svc) => {
        const term = (deps.terminal ?? processTerminal)();
        let started: StartedSession;
        let api: SsmSessionApi;
        try {
          let instanceId: string;
          ({ api, instanceId } = await ssmApiFor(svc, target, io.env, deps));
          started = await api.start({ target: instanceId, reason: target.reason });
        } catch (e) {
          const code = signInRequired(e, io);
          if (code !== undefined) return code;
          throw e;
        }
        term.notice(`\r\nStarting session with SessionId: ${started.sessionId}\r\n`);
        const channel = channelFor(api, started, deps);
        const shell = new ShellSession(channel);
        try {
          await channel.open();
        } catch (e) {
          await api.terminate(started.sessionId).catch(() => {});
          throw new FumidaiError('Network', `Could not open the session's data channel: ${(e as Error).message}`);
        }
        return runConnect(shell, term, started.sessionId);
      });
    },
  };
}
