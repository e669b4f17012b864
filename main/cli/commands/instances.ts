// `fumidai instances [query]`: every instance the signed-in session can see, with its access
// route, filtered with the same query language as the app's search box. --account and --region
// list only those (fast: nothing else is asked); --cached prints the last inventory without
// asking AWS at all. Tables go to stdout, warnings (denied accounts, query mistakes) to stderr.
import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { chooseSession, withServices, type CliServices, type CliServicesFactory } from '../services';
import { formatDuration, table } from '../format';
import { filterInstances, parseInstanceQuery } from '../../../common/inventory/query';
import { SORT_KEYS, sortInstances, type SortKey } from '../../../common/inventory/sort';
import { FumidaiError } from '../../../common/api/errors';
import type { InstanceDetail, InstanceSummary, InventorySnapshot } from '../../../common/api/inventory';
import { explainStepInEnglish, sessionNoteInEnglish } from '../../../common/inventory/explanation';

const USAGE = [
  'Usage: fumidai instances [options] [query...]',
  '',
  'Options:',
  '  --session NAME     the SSO session (default: the only one, or AWS_PROFILE\'s)',
  '  --account ID|NAME  only this account (repeatable)',
  '  --region REGION    only this region (repeatable); may be one not searched by default',
  '  --sort KEY         ' + SORT_KEYS.join(', ') + ' (default name); --desc reverses',
  '  --wide             also environment, role, SSM agent and the reason for the route',
  '  --json             the instances as JSON (every field, unfiltered text)',
  '  --explain          under the table, each instance\'s route step by step and the sessions it',
  '                     offers or why not (what the app\'s detail panel says)',
  '  --cached           the last inventory kept on disk, without asking AWS',
  '',
  'Query: words match name, id, IP and account; tag:Key=Value (tag:Key, * wildcards);',
  'env:production|staging|development|sandbox; route:ssm|bastion|unreachable; state:running;',
  'region:ap-northeast-1 (prefix); account:NAME; a leading - excludes (-state:stopped).',
  '',
  'Regions searched: the SSO region plus every region named in ~/.aws/config, unless chosen in the app.',
  'Exit codes: 0 listed, 1 nothing matched the query or nothing could be listed, 2 usage, 3 sign in first.',
].join('\n');

/** Control characters (and bidi overrides) from instance names or tags must not drive the terminal. */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function access(i: InstanceSummary): string {
  if (i.route.kind === 'bastion') return i.route.bastionId === i.instanceId ? 'ssh (bastion)' : `ssh via ${i.route.bastionName ?? i.route.bastionId}`;
  return i.route.kind;
}

/** One instance as the app's detail panel explains it, in English (the same steps, the CLI's words). */
function explain(d: InstanceDetail): string {
  const lines = [`${d.instance.name} (${d.instance.instanceId})`, ...d.routeExplanation.map((step) => `  ${explainStepInEnglish(step)}`), '  Sessions:'];
  for (const s of d.sessions) lines.push(`    ${s.kind}: ${s.available ? '' : 'not possible: '}${sessionNoteInEnglish(s) ?? (s.available ? 'available' : 'no reason known')}`);
  return `\n${lines.map(terminalSafe).join('\n')}\n`;
}

function resolveAccounts(wanted: string[], known: Array<{ accountId: string; accountName: string }>): string[] {
  return wanted.map((w) => {
    const hit = known.find((a) => a.accountId === w) ?? known.find((a) => a.accountName.toLowerCase() === w.toLowerCase());
    if (hit) return hit.accountId;
    const close = known.filter((a) => a.accountName.toLowerCase().includes(w.toLowerCase())).map((a) => `${a.accountName} (${a.accountId})`);
    throw Object.assign(new FumidaiError('NotFound', `No account '${w}' in this session.${close.length ? ` Did you mean ${close.slice(0, 5).join(', ')}?` : ''}`), { exitCode: EXIT.usage });
  });
}

async function collect(svc: CliServices, sessionId: string, accounts: string[], regions: string[], cached: boolean): Promise<InventorySnapshot> {
  const inventory = svc.inventory!;
  if (cached) {
    const snap = await inventory.cached(sessionId);
    if (!snap.fetchedAt) throw new FumidaiError('NotFound', 'No inventory is kept on disk for this session yet. Run `fumidai instances` without --cached first.');
    return snap;
  }
  if (accounts.length === 0 && regions.length === 0) return inventory.discover(sessionId);
  const scopes = accounts.length === 0 ? regions.map((region) => ({ region })) : accounts.flatMap((accountId) => (regions.length ? regions.map((region) => ({ accountId, region })) : [{ accountId }]));
  let last: InventorySnapshot | undefined;
  for (const scope of scopes) last = await inventory.discover(sessionId, scope);
  return last!;
}

export function instancesCommand(services: CliServicesFactory): CliCommand {
  return {
    name: 'instances',
    summary: 'List instances across accounts and regions, with how to reach each',
    usage: USAGE,
    async run(args: string[], io: CliIo) {
      let parsed;
      try {
        parsed = parseArgs({
          args,
          allowPositionals: true,
          options: {
            session: { type: 'string' },
            account: { type: 'string', multiple: true },
            region: { type: 'string', multiple: true },
            sort: { type: 'string' },
            desc: { type: 'boolean' },
            wide: { type: 'boolean' },
            json: { type: 'boolean' },
            explain: { type: 'boolean' },
            cached: { type: 'boolean' },
          },
        });
      } catch (e) {
        io.stderr(`fumidai instances: ${(e as Error).message}\n\n${USAGE}\n`);
        return EXIT.usage;
      }
      const { values, positionals } = parsed;
      const sortKey = (values.sort ?? 'name') as SortKey;
      if (!(SORT_KEYS as readonly string[]).includes(sortKey)) {
        io.stderr(`fumidai instances: --sort ${values.sort} is not a column; use one of ${SORT_KEYS.join(', ')}.\n`);
        return EXIT.usage;
      }
      const badRegion = (values.region ?? []).find((r) => !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(r));
      if (badRegion) {
        io.stderr(`fumidai instances: '${badRegion}' is not an AWS region (e.g. ap-northeast-1).\n`);
        return EXIT.usage;
      }
      if (values.explain && values.json) {
        io.stderr('fumidai instances: --explain writes text for people; use --json alone for data.\n');
        return EXIT.usage;
      }
      const query = parseInstanceQuery(positionals.join(' '));
      for (const p of query.problems) io.stderr(`warning: ${p}\n`);

      return withServices(services, io.env, async (svc) => {
        if (!svc.inventory) throw new FumidaiError('NotSupported', 'Inventory is not available in this build.');
        const session = chooseSession((await svc.auth.reload()).sessions, values.session, io.env);
        const accountIds = values.account?.length ? resolveAccounts(values.account, (await svc.accounts.loadAll(session.id)).accounts) : [];
        const regions = [...new Set(values.region ?? [])];
        const snap = await collect(svc, session.id, accountIds, regions, !!values.cached).catch((e: unknown) => {
          if (e instanceof FumidaiError && e.code === 'SsoExpired') throw Object.assign(e, { exitCode: EXIT.signInRequired });
          throw e;
        });

        const inScope = snap.instances.filter((i) => (accountIds.length === 0 || accountIds.includes(i.accountId)) && (regions.length === 0 || regions.includes(i.region)));
        const rows = sortInstances(filterInstances(inScope, query), { key: sortKey, direction: values.desc ? 'desc' : 'asc' });
        const errors = snap.errors.filter((e) => (accountIds.length === 0 || accountIds.includes(e.accountId)) && (regions.length === 0 || regions.includes(e.region)));
        for (const e of errors) io.stderr(terminalSafe(`warning: ${e.accountName} (${e.accountId}) ${e.region}${e.roleName ? ` as ${e.roleName}` : ''}: ${e.code}: ${e.message}`) + '\n');
        if (values.cached && snap.fetchedAt) io.stderr(`note: inventory from ${formatDuration(Date.now() - snap.fetchedAt)} ago (--cached).\n`);

        if (values.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        else if (rows.length > 0) {
          const head = ['NAME', 'INSTANCE', 'ACCOUNT', 'REGION', 'STATE', 'PRIVATE IP', 'ACCESS'];
          const wide = ['ENV', 'ROLE', 'SSM AGENT', 'WHY'];
          io.stdout(
            table(
              values.wide ? [...head, ...wide] : head,
              rows.map((i) => {
                const base = [i.name, i.instanceId, i.accountName, i.region, i.state, i.privateIp ?? '-', access(i)];
                const extra = [i.environment, i.roleName, i.ssm.ping === 'None' ? 'none' : `${i.ssm.ping}${i.ssm.agentVersion ? ` ${i.ssm.agentVersion}` : ''}`, [i.route.reason, i.route.note].filter(Boolean).join(' ') || '-'];
                return (values.wide ? [...base, ...extra] : base).map(terminalSafe);
              }),
            ),
          );
        }
        if (values.explain && !values.json) for (const i of rows) io.stdout(explain(await svc.inventory.detail(session.id, i.instanceId)));
        const scopeTargets = (snap.targets ?? []).filter((t) => (accountIds.length === 0 || accountIds.includes(t.accountId)) && (regions.length === 0 || regions.includes(t.region)));
        if (scopeTargets.length > 0 && scopeTargets.every((t) => t.status === 'error')) {
          io.stderr('fumidai instances: no account or region could be listed (see the warnings above).\n');
          return EXIT.failure;
        }
        if (rows.length === 0 && !values.json) io.stderr(query.empty ? 'No instances found.\n' : `No instance matches '${positionals.join(' ')}' (of ${inScope.length}).\n`);
        return rows.length > 0 || query.empty ? EXIT.ok : EXIT.failure;
      });
    },
  };
}
