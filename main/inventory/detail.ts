// The instance detail panel's content: every tag, the access route explained step by step, the
// sessions the instance offers (and why not, for the others), and the last denial AWS gave.
import type { AgentStatus, InstanceDetail, InstanceSummary, RouteStep, SessionBlocked, SessionVia } from '../../common/api/inventory';
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

/** What the agent last reported, with how long ago relative to `now` (each language words it). */
function agentStatus(i: InstanceSummary, now: number): AgentStatus {
  return {
    ping: i.ssm.ping,
    ...(i.ssm.agentVersion ? { version: i.ssm.agentVersion } : {}),
    ...(i.ssm.lastPingAt ? { heardMsAgo: Math.max(0, now - i.ssm.lastPingAt) } : {}),
  };
}

export function buildInstanceDetail(i: InstanceSummary, ctx: DetailContext): InstanceDetail {
  const tag = ctx.bastionTag;
  const tagText = `${tag.key}=${tag.value}`;
  const bastion = i.route.bastionId ? ctx.neighbours.find((n) => n.instanceId === i.route.bastionId) : undefined;
  const toFacts = (n: InstanceSummary) => ({ instanceId: n.instanceId, name: n.name, state: n.state, vpcId: n.vpcId, ping: n.ssm.ping, tags: n.tags });
  const found = i.isBastion ? undefined : (bastion?.instanceId ?? findBastion(toFacts(i), ctx.neighbours.map(toFacts), tag)?.instanceId);
  const vpcBastion = found ? ctx.neighbours.find((n) => n.instanceId === found) : undefined;
  const running = i.state === 'running';
  const windows = /windows/i.test(i.platform);
  const agent = agentStatus(i, ctx.now);

  // Steps as data, not sentences: the window says them in its language, the CLI in English.
  const explanation: RouteStep[] = [{ code: 'state', state: i.state }, { code: 'agent', agent }];
  if (i.isBastion) explanation.push({ code: 'is-bastion', tag: tagText });
  else if (!i.vpcId) explanation.push({ code: 'no-vpc' });
  else if (vpcBastion) explanation.push({ code: 'bastion-in-vpc', vpc: i.vpcId, name: vpcBastion.name, instanceId: vpcBastion.instanceId, ...(vpcBastion.privateIp ? { privateIp: vpcBastion.privateIp } : {}) });
  else explanation.push({ code: 'no-bastion-in-vpc', vpc: i.vpcId, tag: tagText });
  const because = { ...(i.route.reason ? { reason: i.route.reason } : {}), ...(i.route.why ? { why: i.route.why } : {}) };
  if (i.route.kind === 'ssm') explanation.push({ code: 'route-ssm' });
  else if (i.route.kind === 'bastion') {
    const through = i.route.bastionId === i.instanceId ? undefined : (i.route.bastionName ?? i.route.bastionId);
    explanation.push({ code: 'route-bastion', ...(through ? { bastion: through } : {}), ...because });
  } else explanation.push({ code: 'route-unreachable', ...because });
  if (i.route.note) explanation.push({ code: 'route-note', note: i.route.note, ...(i.route.noteCode ? { noteCode: i.route.noteCode } : {}) });
  if (isLikelyReadOnlyRole(i.roleName)) explanation.push({ code: 'read-only-role', role: i.roleName, account: i.accountName });

  const ssmReason: SessionBlocked | undefined = !running ? { code: 'state', state: i.state } : i.route.kind === 'ssm' ? undefined : { code: 'agent', agent };
  const sshVia = i.isBastion ? i.instanceId : vpcBastion?.instanceId;
  const sshReason: SessionBlocked | undefined = !running
    ? { code: 'state', state: i.state }
    : windows
      ? { code: 'windows' }
      : sshVia
        ? undefined
        : { code: 'no-bastion', tag: tagText, ...(i.vpcId ? { vpc: i.vpcId } : {}) };
  const sshRoute: SessionVia | undefined = sshVia === undefined ? undefined : sshVia === i.instanceId ? { code: 'ssh-direct' } : { code: 'ssh-bastion', bastion: vpcBastion?.name ?? sshVia };

  return {
    instance: i,
    tags: Object.entries(i.tags)
      .map(([key, value]) => ({ key, value }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    routeExplanation: explanation,
    sessions: [
      { kind: 'shell', available: !ssmReason, ...(ssmReason ? { reason: ssmReason } : { via: { code: 'ssm' } }) },
      { kind: 'port-forward', available: !ssmReason, ...(ssmReason ? { reason: ssmReason } : { via: { code: 'ssm' } }) },
      { kind: 'ssh', available: !sshReason, ...(sshReason ? { reason: sshReason } : sshRoute ? { via: sshRoute } : {}) },
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
