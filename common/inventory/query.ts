// The instance search box's language, pure so the renderer and the CLI agree exactly.
//
//   web 10.0.1                 free words: each must occur in the name, id, IPs, account name or id
//   "payments api"             a quoted phrase is one word
//   tag:Role=web               a tag with that value (key and value case-insensitive; * is a wildcard)
//   tag:Owner                  the tag is present; tag:=alice — any tag has that value
//   env:prod route:ssm         filters: env (environment), state, route, region, account, name,
//   region:ap- state:running   id, ip, platform. Values are prefixes (region:us- = every US region)
//                              except state and route, which are exact.
//   -state:stopped  -tag:Temp  a leading minus excludes
//
// Free words and different filters must all match; the same filter given twice matches either
// value (region:us-east-1 region:us-west-2). Mistakes (route:sssm) are reported in `problems`
// and the term is ignored, so a typo never silently hides every row.
import type { InstanceSummary } from '../api/inventory';
import { ENVIRONMENTS } from '../environments';

export const QUERY_FIELDS = ['env', 'state', 'route', 'region', 'account', 'name', 'id', 'ip', 'platform'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

const FIELD_ALIASES: Record<string, QueryField | 'tag'> = {
  tag: 'tag',
  env: 'env',
  environment: 'env',
  state: 'state',
  route: 'route',
  region: 'region',
  account: 'account',
  name: 'name',
  id: 'id',
  ip: 'ip',
  platform: 'platform',
};

export const INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'terminated', 'stopping', 'stopped'] as const;
const ROUTES = ['ssm', 'bastion', 'unreachable'] as const;

export type QueryTerm =
  | { kind: 'word'; value: string; negate: boolean }
  | { kind: 'tag'; key: string; value?: RegExp; negate: boolean }
  | { kind: 'field'; field: QueryField; values: string[]; negate: boolean };

/** A term that was ignored, as data: the window words it in its language, the CLI in English. */
export type QueryIssue =
  | { code: 'not-a-filter'; prefix: string; term: string }
  | { code: 'tag-needs-key' }
  | { code: 'needs-value'; prefix: string; example: string }
  | { code: 'bad-route'; value: string }
  | { code: 'bad-state'; value: string }
  | { code: 'bad-env'; value: string };

export interface ParsedQuery {
  /** Positive filters grouped by field (values OR'd), then words, tags and exclusions (AND'd). */
  readonly terms: readonly QueryTerm[];
  /** Terms that were ignored, each with the reason and what would be valid (English; see `issues`). */
  readonly problems: readonly string[];
  /** The same as `problems`, as codes and parameters. */
  readonly issues: readonly QueryIssue[];
  readonly empty: boolean;
}

/** Every filter prefix, as the problems list them. */
export const QUERY_FILTER_LIST = ['tag:', ...QUERY_FIELDS.map((f) => `${f}:`)].join(', ');

/** An ignored term in English (the CLI's warnings; the window's English catalog says the same). */
export function queryIssueInEnglish(issue: QueryIssue): string {
  switch (issue.code) {
    case 'not-a-filter':
      return `'${issue.prefix}:' is not a filter; searching for '${issue.term}' as text. Filters: ${QUERY_FILTER_LIST}.`;
    case 'tag-needs-key':
      return `'tag:' needs a key: tag:Key or tag:Key=Value.`;
    case 'needs-value':
      return `'${issue.prefix}:' needs a value, e.g. ${issue.example}.`;
    case 'bad-route':
      return `route:${issue.value} is not a route; use route:ssm, route:bastion or route:unreachable.`;
    case 'bad-state':
      return `state:${issue.value} is not an instance state; use one of ${INSTANCE_STATES.join(', ')}.`;
    case 'bad-env':
      return `env:${issue.value} is not an environment; use one of ${ENVIRONMENTS.join(', ')}.`;
  }
}

/** Splits on spaces, keeping "quoted phrases" (also after a colon: name:"my host") together. */
function tokenize(input: string): string[] {
  const out: string[] = [];
  const re = /(?:[^\s"]+|"[^"]*"?)+/g;
  for (const m of input.match(re) ?? []) out.push(m.replace(/"/g, ''));
  return out.filter((t) => t.length > 0 && t !== '-');
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export function parseInstanceQuery(input: string): ParsedQuery {
  const words: QueryTerm[] = [];
  const tags: QueryTerm[] = [];
  const negatives: QueryTerm[] = [];
  const positiveFields = new Map<QueryField, string[]>();
  const issues: QueryIssue[] = [];

  for (const token of tokenize(input)) {
    const negate = token.startsWith('-') && token.length > 1;
    const term = negate ? token.slice(1) : token;
    const m = /^([a-z]+):(.*)$/i.exec(term);
    const field = m ? FIELD_ALIASES[m[1]!.toLowerCase()] : undefined;
    if (!m || !field) {
      if (m && /^[a-z]+$/i.test(m[1]!) && m[2] !== '' && !/^\d/.test(m[2]!)) {
        issues.push({ code: 'not-a-filter', prefix: m[1]!, term });
      }
      (negate ? negatives : words).push({ kind: 'word', value: term.toLowerCase(), negate });
      continue;
    }
    const raw = m[2]!;
    if (field === 'tag') {
      const eq = raw.indexOf('=');
      const key = (eq < 0 ? raw : raw.slice(0, eq)).trim();
      if (!key && eq < 0) {
        issues.push({ code: 'tag-needs-key' });
        continue;
      }
      const t: QueryTerm = { kind: 'tag', key: key.toLowerCase(), ...(eq >= 0 ? { value: globToRegExp(raw.slice(eq + 1)) } : {}), negate };
      (negate ? negatives : tags).push(t);
      continue;
    }
    const value = raw.toLowerCase();
    if (!value) {
      issues.push({ code: 'needs-value', prefix: m[1]!, example: example(field) });
      continue;
    }
    const invalid = validate(field, value);
    if (invalid) {
      issues.push(invalid);
      continue;
    }
    if (negate) negatives.push({ kind: 'field', field, values: [value], negate: true });
    else positiveFields.set(field, [...(positiveFields.get(field) ?? []), value]);
  }
  const fields: QueryTerm[] = [...positiveFields].map(([field, values]) => ({ kind: 'field', field, values, negate: false }));
  // Cheap, selective checks first: exact filters, then tags, then the text scan, then exclusions.
  const terms = [...fields, ...tags, ...words, ...negatives];
  return { terms, problems: issues.map(queryIssueInEnglish), issues, empty: terms.length === 0 };
}

function example(field: QueryField): string {
  switch (field) {
    case 'env':
      return 'env:production';
    case 'state':
      return 'state:running';
    case 'route':
      return 'route:ssm';
    case 'region':
      return 'region:ap-northeast-1';
    case 'ip':
      return 'ip:10.0.';
    default:
      return `${field}:…`;
  }
}

function validate(field: QueryField, value: string): QueryIssue | undefined {
  if (field === 'route' && !(ROUTES as readonly string[]).includes(value)) return { code: 'bad-route', value };
  if (field === 'state' && !(INSTANCE_STATES as readonly string[]).includes(value)) return { code: 'bad-state', value };
  if (field === 'env' && !ENVIRONMENTS.some((e) => e.startsWith(value))) return { code: 'bad-env', value };
  return undefined;
}

// Lower-cased search text per instance, computed once per object: snapshots are immutable, so a
// 20,000-row list is scanned without building strings on every keystroke.
const haystacks = new WeakMap<InstanceSummary, string>();
function haystackOf(i: InstanceSummary): string {
  let h = haystacks.get(i);
  if (h === undefined) {
    h = `${i.name}\n${i.instanceId}\n${i.privateIp ?? ''}\n${i.publicIp ?? ''}\n${i.accountName}\n${i.accountId}`.toLowerCase();
    haystacks.set(i, h);
  }
  return h;
}

function fieldMatches(i: InstanceSummary, field: QueryField, value: string): boolean {
  switch (field) {
    case 'env':
      return i.environment.startsWith(value);
    case 'state':
      return i.state === value;
    case 'route':
      return i.route.kind === value;
    case 'region':
      return i.region.startsWith(value);
    case 'account':
      return i.accountId.startsWith(value) || i.accountName.toLowerCase().includes(value);
    case 'name':
      return i.name.toLowerCase().includes(value);
    case 'id':
      return i.instanceId.toLowerCase().startsWith(value);
    case 'ip':
      return (i.privateIp ?? '').startsWith(value) || (i.publicIp ?? '').startsWith(value);
    case 'platform':
      return i.platform.toLowerCase().includes(value);
  }
}

function tagMatches(i: InstanceSummary, key: string, value: RegExp | undefined): boolean {
  for (const k in i.tags) {
    if (key && k.toLowerCase() !== key) continue;
    if (value === undefined || value.test(i.tags[k]!)) return true;
  }
  return false;
}

function termMatches(i: InstanceSummary, t: QueryTerm): boolean {
  switch (t.kind) {
    case 'word':
      return haystackOf(i).includes(t.value);
    case 'tag':
      return tagMatches(i, t.key, t.value);
    case 'field':
      return t.values.some((v) => fieldMatches(i, t.field, v));
  }
}

export function matchesInstance(i: InstanceSummary, q: ParsedQuery): boolean {
  for (const t of q.terms) if (termMatches(i, t) === t.negate) return false;
  return true;
}

/**
 * Computes the search text of every row ahead (e.g. when a snapshot arrives, in idle time), so the
 * first keystroke does not pay for it.
 */
export function prepareForSearch(rows: readonly InstanceSummary[]): void {
  for (const i of rows) haystackOf(i);
}

/** The rows matching a query (the same array when the query is empty). */
export function filterInstances<T extends InstanceSummary>(rows: readonly T[], query: ParsedQuery | string): readonly T[] {
  const q = typeof query === 'string' ? parseInstanceQuery(query) : query;
  if (q.empty) return rows;
  return rows.filter((i) => matchesInstance(i, q));
}
