// The instance detail panel's content: every tag, the access route explained step by step, the
// sessions the instance offers (and why not, for the others), and the last denial AWS gave.
import type { InstanceDetail, InstanceSummary } from '../../common/api/inventory';
import { isLikelyReadOnlyRole, rankRoles } from '../../common/inventory/roleRanking';
import { findBastion, type BastionTag } from './route';

export interface Denial {
  action: string;
  roleName?: string;
  message: string;
  at: number;
}

export interface DetailContext {
  /** The other instances of the same account and region (to describe the bastion). */
  neighbours: readonly InstanceSummary[];
  /** The roles the account offers. */
  roles: readonly string[];
  bastionTag: BastionTag;
  denial?: Denial;
  now: number;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

function agentLine(i: InstanceSummary, now: number): string {
  const seen = i.ssm.lastPingAt ? `, last heard from ${ago(now - i.ssm.lastPingAt)}` : '';
  const version = i.ssm.agentVersion ? ` (agent ${i.ssm.agentVersion})` : '';
  switch (i.ssm.ping) {
    case 'Online':
      return `SSM agent: online${version}${seen}.`;
    case 'ConnectionLost':
      return `SSM agent: registered but has lost its connection${version}${seen}.`;
    case 'Inactive':
      return `SSM agent: inactive${version}${seen}.`;
    default:
      return 'SSM agent: none registered with Systems Manager in this account and region.';
  }
}

export function buildInstanceDetail(i: InstanceSummary, ctx: DetailContext): InstanceDetail {
  const tag = ctx.bastionTag;
  const bastion = i.route.bastionId ? ctx.neighbours.find((n) => n.instanceId === i.route.bastionId) : undefined;
  const toFacts = (n: InstanceSummary) => ({ instanceId: n.instanceId, name: n.name, state: n.state, vpcId: n.vpcId, ping: n.ssm.ping, tags: n.tags });
  const found = i.isBastion ? undefined : (bastion?.instanceId ?? findBastion(toFacts(i), ctx.neighbours.map(toFacts), tag)?.instanceId);
  const vpcBastion = found ? ctx.neighbours.find((n) => n.instanceId === found) : undefined;
  const running = i.state === 'running';
  const windows = /windows/i.test(i.platform);

  const explanation: string[] = [];
  explanation.push(running ? 'State: running.' : `State: ${i.state}. ${i.state === 'stopped' ? 'Start the instance to connect.' : 'Sessions need a running instance.'}`);
  explanation.push(agentLine(i, ctx.now));
  if (i.isBastion) explanation.push(`This instance is a bastion (tag ${tag.key}=${tag.value}).`);
  else if (!i.vpcId) explanation.push('It is in no VPC, so no bastion can reach it.');
  else if (vpcBastion) explanation.push(`Bastion in ${i.vpcId}: ${vpcBastion.name} (${vpcBastion.instanceId}${vpcBastion.privateIp ? `, ${vpcBastion.privateIp}` : ''}).`);
  else explanation.push(`No running instance tagged ${tag.key}=${tag.value} in ${i.vpcId}.`);
  if (i.route.kind === 'ssm') explanation.push('Route: Session Manager, through the SSM agent.');
  else if (i.route.kind === 'bastion') explanation.push(`Route: SSH through ${i.route.bastionId === i.instanceId ? 'this bastion directly' : `bastion ${i.route.bastionName ?? i.route.bastionId}`}. ${i.route.reason ?? ''}`.trim());
  else explanation.push(`Unreachable: ${i.route.reason ?? 'no route is known.'}`);
  if (i.route.note) explanation.push(i.route.note);
  if (isLikelyReadOnlyRole(i.roleName)) explanation.push(`Listed with ${i.roleName}, which looks read-only: starting sessions will likely be denied. Choose another role for ${i.accountName} if you have one.`);

  const agentNow = i.ssm.ping === 'None' ? 'no agent is registered with Systems Manager in this account and region' : agentLine(i, ctx.now).replace(/^SSM agent: /, 'the agent is ').replace(/\.$/, '');
  const ssmReason = !running ? `The instance is ${i.state}.` : i.route.kind === 'ssm' ? undefined : `Session Manager needs the SSM agent online; ${agentNow}.`;
  const sshVia = i.isBastion ? i.instanceId : vpcBastion?.instanceId;
  const sshReason = !running
    ? `The instance is ${i.state}.`
    : windows
      ? 'Windows instances are reached with Session Manager, not SSH.'
      : sshVia
        ? undefined
        : `No running bastion (tag ${tag.key}=${tag.value}) is in ${i.vpcId ?? 'its network'}.`;
  const via = (kind: 'ssm' | 'ssh') => (kind === 'ssm' ? 'Session Manager' : sshVia === i.instanceId ? 'SSH directly' : `SSH via ${vpcBastion?.name ?? sshVia}`);

  return {
    instance: i,
    tags: Object.entries(i.tags)
      .map(([key, value]) => ({ key, value }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    routeExplanation: explanation,
    sessions: [
      { kind: 'shell', available: !ssmReason, ...(ssmReason ? { reason: ssmReason } : { via: via('ssm') }) },
      { kind: 'port-forward', available: !ssmReason, ...(ssmReason ? { reason: ssmReason } : { via: via('ssm') }) },
      { kind: 'ssh', available: !sshReason, ...(sshReason ? { reason: sshReason } : { via: via('ssh') }) },
    ],
    ...(vpcBastion || (i.isBastion && i.route.kind === 'bastion')
      ? {
          bastion: (() => {
            const b = vpcBastion ?? i;
            return { instanceId: b.instanceId, name: b.name, ...(b.privateIp ? { privateIp: b.privateIp } : {}), ...(b.publicIp ? { publicIp: b.publicIp } : {}) };
          })(),
        }
      : {}),
    roles: rankRoles(ctx.roles),
    roleName: i.roleName,
    ...(ctx.denial ? { denial: ctx.denial } : {}),
  };
}
