// `fumidai ssh <target> [--via bastion|ssm]`: an SSH shell in this terminal through Fumidai's
// connect path — the same hops, key vault, host-key checks and ~/.ssh/config as the app's tabs.
// Host-key and TOTP questions are asked on this terminal (stderr, answers not echoed); the exit
// code is the remote shell's. `--forget-host-key NAME` and `--host-keys` manage Fumidai's own
// known-hosts file (~/.ssh/known_hosts is never written).
import { parseArgs } from 'node:util';
import { FumidaiError } from '../../../common/api/errors';
import type { RoleCredentialsService } from '../../accounts/roleCredentials';
import { defaultConfigDir } from '../../platform/paths';
import type { ShellEnd, TerminalShell } from '../../sessions/terminalShell';
import { createSshServices, type SshServices } from '../../ssh';
import { describeInstancesLookup, type InstanceLookup } from '../../ssh/instanceLookup';
import { describeByName, isPlausibleName, resolveInstanceName, type NameLookup } from '../../aws/instanceByName';
import type { InstanceFacts, SshVia } from '../../ssh/routePlan';
import type { SshAccess, SshKeyProvider } from '../../ssh/types';
import type { SsmSessionApi } from '../../ssm/ssmApi';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { chooseSession, withServices, type CliServices, type CliServicesFactory } from '../services';
import { runTerminal, type TerminalEnding } from '../terminal/runTerminal';
import { processTerminal, terminalSize, type TerminalIo } from '../terminal/terminalIo';
import { signInRequired } from './connect';
import { terminalPrompter } from './terminalPrompter';

export interface SshCommandDeps {
  terminal?: () => TerminalIo;
  /** The SSH services (tests give a temporary HOME and config directory). */
  sshServices?: (svc: CliServices, env: NodeJS.ProcessEnv) => SshServices;
  /** Where logins get their keys (the key vault). */
  keys?: (svc: CliServices) => SshKeyProvider;
  lookup?: InstanceLookup;
  /** How a Name tag is looked up (DescribeInstances by default). */
  lookupName?: NameLookup;
  ssmApi?: (region: string, credentials: ReturnType<RoleCredentialsService['provider']>) => SsmSessionApi;
}

const OPTIONS = {
  via: { type: 'string' },
  user: { type: 'string', short: 'l' },
  session: { type: 'string' },
  account: { type: 'string' },
  role: { type: 'string' },
  region: { type: 'string' },
  reason: { type: 'string' },
  'forget-host-key': { type: 'string' },
  'host-keys': { type: 'boolean' },
} as const;

const USAGE = [
  'Usage: fumidai ssh <instance-id | name | [user@]host[:port]> [--via <bastion> | --via ssm] [-l USER]',
  '                   [--account ID --role NAME] [--region R] [--session NAME] [--reason TEXT]',
  '       fumidai ssh --host-keys',
  '       fumidai ssh --forget-host-key NAME',
  '',
  '  --via BASTION    go through this bastion: an instance id or name (looked up in the same account',
  '                   and region) or a host as ~/.ssh/config knows it. Without --via, ~/.ssh/config',
  '                   (HostName, Port, User, ProxyJump) decides, as for ssh.',
  '  --via ssm        SSH over Session Manager (AWS-StartSSHSession) to the instance itself',
  '  -l, --user USER  the OS user on the target (default: ~/.ssh/config\'s User, else ec2-user)',
  '  --account ID     the 12-digit account of the instance (needed for instance ids and keys)',
  '  --role NAME      the role whose credentials fetch keys and start Session Manager',
  '  --region R       default: AWS_REGION, else the SSO session\'s region',
  '  --reason TEXT    why you connect; sent to Session Manager with --via ssm',
  '  --host-keys      list the host keys you trusted in Fumidai',
  '  --forget-host-key NAME  remove the keys Fumidai trusts for NAME (after a host was rebuilt)',
  '',
  'With --account and --role, a target or bastion that is not an instance id is first looked up',
  'as a Name tag there; if no instance has that name it is used as a host name, as ssh would.',
  '',
  'A host key seen for the first time is shown with its fingerprint and needs a typed "yes";',
  'a changed key refuses the connection. The exit code is the remote shell\'s.',
].join('\n');

/** Without a TTY the pty gets OpenSSH's default size. */
const DEFAULT_SIZE = { cols: 80, rows: 24 };

const INSTANCE_ID = /^(i|mi)-[0-9a-f]{8,17}$/;

export function sshCommand(services: CliServicesFactory, deps: SshCommandDeps = {}): CliCommand {
  return {
    name: 'ssh',
    summary: 'Open an SSH shell through a bastion or over Session Manager in this terminal',
    usage: USAGE,
    async run(args, io) {
      let parsed;
      try {
        parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
      } catch (e) {
        io.stderr(`fumidai ssh: ${(e as Error).message}\n${USAGE}\n`);
        return EXIT.usage;
      }
      const { values, positionals } = parsed;
      if (values['host-keys'] || values['forget-host-key'] !== undefined) return manageHostKeys(values['forget-host-key'], io, services, deps);
      const usage = (message: string) => (io.stderr(`fumidai ssh: ${message}\n`), EXIT.usage);
      if (positionals.length !== 1) return usage(positionals.length ? `one target at a time (got ${positionals.join(', ')}).` : 'give the host, e.g. fumidai ssh i-0123456789abcdef0 --via i-0fedcba9876543210 --account 111122223333 --role Admin.');
      const target = positionals[0]!;
      const via = values.via;
      // A plain word (no user@ or :port) may be an instance's Name tag once there is an account to look in.
      const mayBeName = (x: string) => values.account !== undefined && values.role !== undefined && !INSTANCE_ID.test(x) && !/[@:]/.test(x) && isPlausibleName(x);
      const needsAws = INSTANCE_ID.test(target) || mayBeName(target) || via === 'ssm' || (via !== undefined && (INSTANCE_ID.test(via) || mayBeName(via)));
      if (via === 'ssm' && !INSTANCE_ID.test(target) && !mayBeName(target)) return usage('--via ssm needs an instance id (or, with --account and --role, an instance name) as the target: Session Manager reaches instances, not host names.');
      if (values.user !== undefined && !/^[a-z_][a-z0-9_.-]{0,31}$/.test(values.user)) return usage(`'${values.user}' is not an OS user name.`);
      if (values.account !== undefined && !/^\d{12}$/.test(values.account)) return usage('--account must be the 12-digit account id.');
      if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(values.region)) return usage(`'${values.region}' is not a region name like eu-west-1.`);
      if (needsAws && (!values.account || !values.role)) return usage(`${INSTANCE_ID.test(target) ? `'${target}' is an instance id` : `--via ${via}`}: give --account and --role, whose credentials find the instance and fetch its keys.`);
      if (values.reason !== undefined && values.reason.length > 256) return usage('--reason is limited to 256 characters.');

      return withServices(services, io.env, async (svc) => {
        const term = (deps.terminal ?? processTerminal)();
        try {
          const session = chooseSession((await svc.auth.reload()).sessions, values.session, io.env);
          const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? session.region;
          const access: SshAccess = { ssoSessionId: session.id, accountId: values.account ?? '', roleName: values.role ?? '', region };
          const ssh = (deps.sshServices ?? defaultSshServices(deps))(svc, io.env);
          const where = needsAws ? await lookupWhere(svc, access) : undefined;
          // Names become instance ids; a name no instance has stays a host name (unless Session Manager needs an instance).
          const resolve = async (x: string, mustBeInstance: boolean): Promise<string> => {
            if (!where || !mayBeName(x)) return x;
            const found = await (deps.lookupName ?? describeByName)(x, where);
            if (found.length === 1) {
              term.notice(`${x} is ${found[0]!.instanceId}.\r\n`);
              return found[0]!.instanceId;
            }
            if (found.length === 0 && !mustBeInstance) {
              term.notice(`No instance is named ${x} in account ${where.accountId} (${where.region}); connecting to ${x} as a host name.\r\n`);
              return x;
            }
            return resolveInstanceName(x, where, async () => found); // says what matched, or that nothing did
          };
          const targetRef = await resolve(target, via === 'ssm');
          const viaRef = via === undefined || via === 'ssm' ? via : await resolve(via, false);
          const ids = [targetRef, viaRef].filter((x): x is string => x !== undefined && INSTANCE_ID.test(x));
          const facts = where && ids.length ? await (deps.lookup ?? describeInstancesLookup)(ids, where) : [];
          const factsOf = (x: string): InstanceFacts | string => facts.find((f) => f.instanceId === x) ?? x;
          const route: SshVia = viaRef === undefined ? { kind: 'direct' } : viaRef === 'ssm' ? { kind: 'ssm' } : { kind: 'bastion', bastion: factsOf(viaRef) };
          term.notice(`Connecting to ${target}${via ? (via === 'ssm' ? ' over Session Manager' : ` via ${via}`) : ''}…\r\n`);
          const connection = await ssh.sessions.openShell(
            { access, target: factsOf(targetRef), via: route, ...(values.user ? { osUser: values.user } : {}), ...(values.reason ? { reason: values.reason } : {}) },
            terminalPrompter(term),
            terminalSize(term) ?? DEFAULT_SIZE,
          );
          return await runSshShell(connection.shell, term, connection.target.label);
        } catch (e) {
          const code = signInRequired(e, io);
          if (code !== undefined) return code;
          if (e instanceof FumidaiError && e.code === 'Cancelled') {
            io.stderr(`fumidai ssh: ${e.message}\n`);
            return EXIT.failure;
          }
          throw e;
        }
      });
    },
  };
}

function defaultSshServices(deps: SshCommandDeps) {
  return (svc: CliServices, env: NodeJS.ProcessEnv): SshServices =>
    createSshServices({
      configDir: defaultConfigDir(env),
      env,
      credentials: svc.credentials,
      keys: deps.keys?.(svc) ?? svc.sshKeys ?? { keyFor: async () => undefined },
      ...(deps.ssmApi ? { ssmApi: deps.ssmApi } : {}),
    });
}

async function lookupWhere(svc: CliServices, access: SshAccess) {
  // The account's environment picks the key rule (production keys, for instance).
  const environment = (await svc.accounts.loadAll(access.ssoSessionId).catch(() => undefined))?.accounts.find((a) => a.accountId === access.accountId)?.environment;
  return { accountId: access.accountId, region: access.region, ...(environment ? { environment } : {}), credentials: svc.credentials.provider(access.ssoSessionId, access.accountId, access.roleName) };
}

async function manageHostKeys(forget: string | undefined, io: CliIo, services: CliServicesFactory, deps: SshCommandDeps): Promise<number> {
  return withServices(services, io.env, async (svc) => {
    const { hostKeys } = (deps.sshServices ?? defaultSshServices(deps))(svc, io.env);
    if (forget !== undefined) {
      const removed = await hostKeys.forget(forget);
      if (removed === 0) {
        io.stderr(`fumidai ssh: Fumidai trusts no host key for '${forget}' (see: fumidai ssh --host-keys). Keys in ~/.ssh/known_hosts are removed with: ssh-keygen -R '${forget}'\n`);
        return EXIT.failure;
      }
      io.stdout(`Removed ${removed} host key${removed === 1 ? '' : 's'} for ${forget}; the next connection shows the host's key and asks again.\n`);
      return EXIT.ok;
    }
    const keys = await hostKeys.list();
    if (keys.length === 0) io.stdout('Fumidai trusts no host keys yet.\n');
    for (const k of keys) io.stdout(`${k.name}\t${k.keyType}\t${k.fingerprint}\n`);
    return EXIT.ok;
  });
}

/**
 * Runs the SSH shell in the user's terminal until it ends (see runTerminal); the remote exit code
 * is ours, 1 when the connection was lost or the shell died of a signal.
 */
export function runSshShell(shell: TerminalShell, term: TerminalIo, label: string): Promise<number> {
  return runTerminal(shell, term, (end) => sshEnding(end, label));
}

export function sshEnding(end: ShellEnd, label: string): TerminalEnding {
  if (end.reason === 'failed') return { notice: `\r\n${end.error?.message ?? `The SSH connection to ${label} was lost.`}\r\n`, exitCode: EXIT.failure };
  return {
    notice: `\r\nConnection to ${label} closed.${end.output ? ` ${end.output}` : ''}\r\n`,
    exitCode: end.exitCode ?? (end.output ? EXIT.failure : EXIT.ok),
  };
}
