// The instance search box: free words match name, id, IPs and account name/id; `tag:Key=Value`
// (or `tag:Key`) matches tags; `route:ssm|bastion|unreachable`, `region:…`, `env:…` and
// `state:…` filter. All terms must match. Pure, so it runs the same in the renderer and the CLI.
import type { InstanceSummary } from '../api/inventory';

export interface ParsedQuery {
  words: string[];
  tags: Array<{ key: string; value?: string }>;
  fields: Partial<Record<'route' | 'region' | 'env' | 'state', string[]>>;
}

export function parseInstanceQuery(input: string): ParsedQuery {
  const q: ParsedQuery = { words: [], tags: [], fields: {} };
  for (const raw of input.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []) {
    const term = raw.replace(/"/g, '');
    const m = /^(tag|route|region|env|state):(.*)$/i.exec(term);
    if (!m) {
      if (term) q.words.push(term.toLowerCase());
      continue;
    }
    const kind = m[1]!.toLowerCase();
    if (kind === 'tag') {
      const [key, ...rest] = m[2]!.split('=');
      if (key) q.tags.push({ key, ...(rest.length ? { value: rest.join('=') } : {}) });
    } else {
      const k = kind as 'route' | 'region' | 'env' | 'state';
      (q.fields[k] ??= []).push(m[2]!.toLowerCase());
    }
  }
  return q;
}

export function matchesInstance(i: InstanceSummary, q: ParsedQuery): boolean {
  if (q.words.length) {
    const hay = `${i.name} ${i.instanceId} ${i.privateIp ?? ''} ${i.publicIp ?? ''} ${i.accountName} ${i.accountId}`.toLowerCase();
    if (!q.words.every((w) => hay.includes(w))) return false;
  }
  for (const t of q.tags) {
    const v = i.tags[t.key];
    if (v === undefined || (t.value !== undefined && v.toLowerCase() !== t.value.toLowerCase())) return false;
  }
  const f = q.fields;
  if (f.route && !f.route.includes(i.route.kind)) return false;
  if (f.region && !f.region.some((r) => i.region.startsWith(r))) return false;
  if (f.env && !f.env.some((e) => i.environment.startsWith(e))) return false;
  if (f.state && !f.state.includes(i.state)) return false;
  return true;
}
