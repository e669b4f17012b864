// `fumidai accounts | credentials | console | export-profiles`: what the signed-in user may use.
import { parseArgs } from 'node:util';
import { EXIT, type CliCommand } from '../command';
import { chooseSession, withServices, type CliServicesFactory } from '../services';
import { table } from '../format';
import { ENVIRONMENTS } from '../../../common/environments';
import { FumidaiError } from '../../../common/api/errors';
import { buildConsoleLoginUrl } from '../../accounts/consoleFederation';

function signInHint(e: unknown): never {
  if (e instanceof FumidaiError && e.code === 'SsoExpired') throw Object.assign(e, { exitCode: EXIT.signInRequired });
  throw e;
}

export function accountCommands(services: CliServicesFactory): CliCommand[] {
  const accounts: CliCommand = {
    name: 'accounts',
    summary: 'List the accounts and roles you may use, grouped by environment',
    usage: 'Usage: fumidai accounts [--session NAME] [--json]',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { session: { type: 'string' }, json: { type: 'boolean' } } });
      return withServices(services, io.env, async (svc) => {
        const session = chooseSession((await svc.auth.reload()).sessions, values.session, io.env);
        const snap = await svc.accounts.loadAll(session.id).catch(signInHint);
        if (values.json) {
          io.stdout(`${JSON.stringify(snap.accounts, null, 2)}\n`);
          return EXIT.ok;
        }
        for (const env of ENVIRONMENTS) {
          const group = snap.accounts.filter((a) => a.environment === env);
          if (group.length === 0) continue;
          io.stdout(`\n${env.toUpperCase()} (${group.length})\n`);
          io.stdout(table(['ACCOUNT', 'NAME', 'ROLES'], group.map((a) => [a.accountId, `${a.favorite ? '★ ' : ''}${a.accountName}`, a.error ? `(${a.error})` : a.roles.join(', ')])));
        }
        return EXIT.ok;
      });
    },
  };

  const credentials: CliCommand = {
    name: 'credentials',
    summary: 'Print role credentials in the credential_process JSON format',
    usage: [
      'Usage: fumidai credentials --account ID --role NAME [--session NAME]',
      '',
      'For ~/.aws/config:  credential_process = fumidai credentials --account 111122223333 --role ReadOnly',
      'Exit code 3 (and a message on stderr) when you need to sign in first.',
    ].join('\n'),
    async run(args, io) {
      const { values } = parseArgs({ args, options: { session: { type: 'string' }, account: { type: 'string' }, role: { type: 'string' } } });
      if (!values.account || !/^\d{12}$/.test(values.account) || !values.role) {
        io.stderr('fumidai credentials: --account (12 digits) and --role are required.\n');
        return EXIT.usage;
      }
      const { account, role } = values;
      return withServices(services, io.env, async (svc) => {
        const session = chooseSession((await svc.auth.reload()).sessions, values.session, io.env);
        let c;
        try {
          c = await svc.credentials.get(session.id, account, role);
        } catch (e) {
          if (e instanceof FumidaiError && e.code === 'SsoExpired') {
            io.stderr(`fumidai: ${e.message} Run: fumidai login --session ${session.id}\n`);
            return EXIT.signInRequired;
          }
          throw e;
        }
        io.stdout(
          `${JSON.stringify({ Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: new Date(c.expiration).toISOString() })}\n`,
        );
        return EXIT.ok;
      });
    },
  };

  const console_: CliCommand = {
    name: 'console',
    summary: 'Open the AWS console for an account and role',
    usage: 'Usage: fumidai console <account-id> <role> [--session NAME] [--region REGION] [--print]\n\n--print writes the sign-in URL instead of opening it (it is valid for 15 minutes; treat it as a secret).',
    async run(args, io) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { session: { type: 'string' }, region: { type: 'string' }, print: { type: 'boolean' } } });
      const [account, role] = positionals;
      if (!account || !/^\d{12}$/.test(account) || !role) {
        io.stderr('fumidai console: give a 12-digit account id and a role name.\n');
        return EXIT.usage;
      }
      return withServices(services, io.env, async (svc) => {
        const session = chooseSession((await svc.auth.reload()).sessions, values.session, io.env);
        const creds = await svc.credentials.get(session.id, account, role).catch(signInHint);
        const url = await buildConsoleLoginUrl(creds, values.region ?? session.region, io.env);
        if (values.print) io.stdout(`${url}\n`);
        else {
          await svc.openBrowser(url);
          io.stdout(`Opened the AWS console for ${role} in ${account}.\n`);
        }
        return EXIT.ok;
      });
    },
  };

  const exportProfiles: CliCommand = {
    name: 'export-profiles',
    summary: 'Write [profile] sections for your accounts and roles to ~/.aws/config',
    usage: 'Usage: fumidai export-profiles [--session NAME]\n\nOnly sections Fumidai wrote before are replaced; everything else in the file is kept byte for byte, and a backup is made.',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { session: { type: 'string' } } });
      return withServices(services, io.env, async (svc) => {
        if (!svc.exportProfiles) throw new FumidaiError('NotSupported', 'Profile export is not available in this build.');
        const session = chooseSession((await svc.auth.reload()).sessions, values.session, io.env);
        const result = await svc.exportProfiles(session.id).catch(signInHint);
        io.stdout(`Wrote ${result.profiles} profiles to ${result.path}${result.backupPath ? ` (backup: ${result.backupPath})` : ''}.\n`);
        return EXIT.ok;
      });
    },
  };

  return [accounts, credentials, console_, exportProfiles];
}
