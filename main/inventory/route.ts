// How an instance can be reached, decided from what EC2 and SSM say about it: Session Manager
// when its agent is online; otherwise SSH through a running bastion in the same account and VPC;
// otherwise unreachable, with the reason a person needs to fix it.
import type { Route, SsmPing } from '../../common/api/inventory';
import { stateSentence } from '../../common/inventory/explanation';

export interface RouteFacts {
  instanceId: string;
  name?: string;
  state: string;
  vpcId?: string;
  ping: SsmPing;
  tags: Record<string, string>;
}

export interface BastionTag {
  key: string;
  value: string;
}

export const DEFAULT_BASTION_TAG: BastionTag = { key: 'Role', value: 'bastion' };

/** Tag keys match exactly (AWS keys are case-sensitive); values ignore case (bastion, Bastion). */
export function isBastion(tags: Record<string, string>, tag: BastionTag = DEFAULT_BASTION_TAG): boolean {
  const v = tags[tag.key];
  return v !== undefined && v.toLowerCase() === tag.value.toLowerCase();
}

function agentProblem(ping: SsmPing): string {
  switch (ping) {
    case 'ConnectionLost':
      return 'Its SSM agent has lost its connection to Systems Manager';
    case 'Inactive':
      return 'Its SSM agent is inactive';
    default:
      return 'It has no SSM agent registered with Systems Manager';
  }
}

function label(b: RouteFacts): string {
  return b.name && b.name !== b.instanceId ? `${b.name} (${b.instanceId})` : b.instanceId;
}

/** The running bastion an instance would go through: same account, region and VPC. */
export function findBastion(i: RouteFacts, sameAccountRegion: readonly RouteFacts[], tag: BastionTag = DEFAULT_BASTION_TAG): RouteFacts | undefined {
  if (!i.vpcId) return undefined;
  const candidates = sameAccountRegion.filter((b) => b.instanceId !== i.instanceId && b.state === 'running' && b.vpcId === i.vpcId && isBastion(b.tags, tag));
  // Prefer a bastion that Session Manager can reach too, then a stable choice by id.
  return candidates.sort((a, b) => Number(b.ping === 'Online') - Number(a.ping === 'Online') || (a.instanceId < b.instanceId ? -1 : 1))[0];
}

export function classifyRoute(i: RouteFacts, sameAccountRegion: readonly RouteFacts[], tag: BastionTag = DEFAULT_BASTION_TAG): Route {
  if (i.state !== 'running') return { kind: 'unreachable', reason: stateSentence(i.state), why: { code: 'state', state: i.state } };
  if (i.ping === 'Online') return { kind: 'ssm' };
  const agent = agentProblem(i.ping);
  const tagText = `${tag.key}=${tag.value}`;
  if (isBastion(i.tags, tag)) {
    return {
      kind: 'bastion',
      bastionId: i.instanceId,
      ...(i.name ? { bastionName: i.name } : {}),
      reason: `${agent}; it is a bastion (tag ${tagText}), reachable over SSH directly.`,
      why: { code: 'bastion-self', agent: i.ping, tag: tagText },
    };
  }
  const bastion = findBastion(i, sameAccountRegion, tag);
  if (bastion) {
    return {
      kind: 'bastion',
      bastionId: bastion.instanceId,
      ...(bastion.name ? { bastionName: bastion.name } : {}),
      reason: `${agent}; reachable over SSH through bastion ${label(bastion)}.`,
      why: { code: 'via-bastion', agent: i.ping, bastion: label(bastion) },
      ...(i.ping === 'ConnectionLost' ? { note: 'The SSM agent was registered but stopped reporting: restart it (or the instance) to get Session Manager back.', noteCode: 'agent-lost' as const } : {}),
    };
  }
  const where = i.vpcId ? `its VPC ${i.vpcId}` : 'its network (it has no VPC)';
  const fix = i.ping === 'ConnectionLost' ? 'Restart the SSM agent, or add a bastion' : 'Install the SSM agent (with an instance profile allowing Systems Manager), or add a bastion';
  return {
    kind: 'unreachable',
    reason: `${agent}, and no running bastion (tag ${tagText}) is in ${where}. ${fix}.`,
    why: { code: 'no-bastion', agent: i.ping, tag: tagText, ...(i.vpcId ? { vpc: i.vpcId } : {}) },
  };
}
