// `fumidai instances [query]`: every instance the signed-in session can see, with its access
// route, filtered with the same query language as the app's search box.
import { parseArgs } from 'node:util';
import { EXIT, type CliCommand } from '../command';
import { chooseSession, withServices, type CliServicesFactory } from '../services';
import { table } from '../format';
import { matchesInstance, parseInstanceQuery } from '../../../common/inventory/query';
import { FumidaiError } from '../../../common/api/errors';

export function instancesCommand(services: CliServicesFactory): CliCommand {
  return {
    name: 'instances',
    summary: 'List instances across accounts and regions, with how to reach each',
    usage: [
      'Usage: fumidai instances [--session NAME] [--account ID] [--region R] [--json] [query...]',
      '',
      'Query terms: words match name, id, IP and account; tag:Key=Value; route:ssm|bastion|unreachable;',
      'env:production|staging|development|sandbox; region:ap-northeast-1; state:running.',
      'Regions searched: the SSO region plus every region named in ~/.aws/config.',
    ].join('\n'),
    async run(args, io) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { session: { type: 'string' }, account: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' } } });
      return withServices(services, io.env, async (svc) => {
        if (!svc.inventory) throw new FumidaiError('NotSupported', 'Inventory is not available in this build.');
        const session = chooseSession((await svc.auth.reload()).sessions, values.session, io.env);
        const snap = await svc.inventory.loadAll(session.id);
        const q = parseInstanceQuery(positionals.join(' '));
        const rows = snap.instances.filter((i) => matchesInstance(i, q) && (!values.account || i.accountId === values.account) && (!values.region || i.region === values.region));
        for (const e of snap.errors) io.stderr(`warning: ${e.accountName} (${e.accountId}) ${e.region}: ${e.message}\n`);
        if (values.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        else
          io.stdout(
            table(
              ['NAME', 'INSTANCE', 'ACCOUNT', 'REGION', 'STATE', 'PRIVATE IP', 'ACCESS'],
              rows.map((i) => [i.name, i.instanceId, i.accountName, i.region, i.state, i.privateIp ?? '', i.route.kind === 'bastion' ? `bastion ${i.route.bastionId}` : i.route.kind]),
            ),
          );
        return rows.length > 0 || positionals.length === 0 ? EXIT.ok : EXIT.failure;
      });
    },
  };
}
