// How an instance can be reached, decided from what EC2 and SSM say about it: Session Manager
// when its agent is online; otherwise SSH through a running bastion in the same account and VPC;
// otherwise unreachable, with the reason a person needs to fix it.
import type { Route } from '../../common/api/inventory';

export interface RouteFacts {
  instanceId: string;
  state: string;
  vpcId?: string;
  ping: 'Online' | 'ConnectionLost' | 'Inactive' | 'None';
  tags: Record<string, string>;
}

export const DEFAULT_BASTION_TAG = { key: 'Role', value: 'bastion' };

export function isBastion(tags: Record<string, string>, tag = DEFAULT_BASTION_TAG): boolean {
  return tags[tag.key]?.toLowerCase() === tag.value.toLowerCase();
}

export function classifyRoute(i: RouteFacts, sameAccountRegion: readonly RouteFacts[], tag = DEFAULT_BASTION_TAG): Route {
  if (i.state !== 'running') return { kind: 'unreachable', reason: `The instance is ${i.state}.` };
  if (i.ping === 'Online') return { kind: 'ssm' };
  const bastion = sameAccountRegion.find((b) => b.instanceId !== i.instanceId && b.state === 'running' && isBastion(b.tags, tag) && b.vpcId === i.vpcId);
  const agent = i.ping === 'ConnectionLost' ? 'Its SSM agent has lost its connection' : 'It has no SSM agent';
  if (bastion) return { kind: 'bastion', bastionId: bastion.instanceId, reason: `${agent}; reachable over SSH through bastion ${bastion.instanceId}.` };
  return { kind: 'unreachable', reason: `${agent}, and no running bastion (tag ${tag.key}=${tag.value}) is in its VPC.` };
}

/** The role to discover with: session-capable and most privileged first. */
export function chooseRole(roles: readonly string[], preferred?: string): string | undefined {
  if (preferred && roles.includes(preferred)) return preferred;
  const rank = (r: string) => {
    const n = r.toLowerCase();
    if (n === 'administratoraccess') return 0;
    if (n.includes('admin')) return 1;
    if (n.includes('operator')) return 2;
    if (n.includes('poweruser')) return 3;
    if (n.includes('developer')) return 4;
    if (n.includes('readonly') || n.includes('viewonly')) return 6;
    return 5;
  };
  return [...roles].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
}
