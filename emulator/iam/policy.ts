// Authorization by permission set, as IAM evaluates the few policies the fixture uses: an action
// is allowed when a statement's action pattern matches it and, if the statement has a tag
// condition, the target resource carries one of the allowed tag values.
import type { PermissionSet } from '../fixture/schema';

export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

export interface Decision {
  allowed: boolean;
  /** Why not, in the words AWS uses. */
  reason?: string;
}

export function authorize(set: PermissionSet, action: string, resource?: { arn: string; tags: Record<string, string> }): Decision {
  let tagDenied = false;
  for (const st of set.statements) {
    if (!st.actions.some((p) => actionMatches(p, action))) continue;
    if (!st.resourceTags) return { allowed: true };
    if (!resource) return { allowed: true };
    const ok = Object.entries(st.resourceTags).every(([k, values]) => values.includes(resource.tags[k] ?? ''));
    if (ok) return { allowed: true };
    tagDenied = true;
  }
  return {
    allowed: false,
    reason: tagDenied ? 'because no identity-based policy allows the action with the resource tags of the target' : 'because no identity-based policy allows the action',
  };
}
