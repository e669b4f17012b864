// Which SSH path a host's detail offers: through its bastion, or straight to it when the host is
// the bastion. The detail panel shows it as a button; the palette, the tray and deep links use it
// for hosts Session Manager cannot reach (no agent), which would otherwise fail with
// TargetNotConnected.
import type { InstanceDetail, InstanceSummary } from '../../../common/api/inventory';
import type { SshTabRoute } from './tabModel';

export function bastionRoute(detail: Pick<InstanceDetail, 'instance' | 'sessions' | 'bastion'>): SshTabRoute | undefined {
  const ssh = detail.sessions.find((s) => s.kind === 'ssh');
  const bastionId = detail.bastion?.instanceId;
  if (!ssh?.available || !bastionId) return undefined;
  return bastionId === detail.instance.instanceId ? { via: 'direct' } : { via: 'bastion', bastionId };
}

/** The list's one-click SSH for a host behind a bastion (its route names the bastion). */
export function listSshRoute(i: Pick<InstanceSummary, 'instanceId' | 'route'>): SshTabRoute | undefined {
  if (i.route.kind !== 'bastion' || !i.route.bastionId) return undefined;
  return i.route.bastionId === i.instanceId ? { via: 'direct' } : { via: 'bastion', bastionId: i.route.bastionId };
}

/** How a quick-connect opens the host: a Session Manager shell where the agent answers, else SSH. */
export function quickConnectRoute(detail: Pick<InstanceDetail, 'instance' | 'sessions' | 'bastion'> | undefined): SshTabRoute | undefined {
  if (!detail || detail.instance.route.kind === 'ssm') return undefined;
  return bastionRoute(detail);
}
