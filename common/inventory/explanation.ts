// The instance detail's explanation in English, from the structured steps the core builds: the
// CLI prints this, and the window says the same through its catalogs (renderer/src/views/
// InstancesView/explanation.ts; a test keeps the window's English equal to these sentences).
import type { AgentStatus, DetailSession, RouteStep, SessionBlocked, SessionVia } from '../api/inventory';

/** "3 minutes ago" / "3 分前": the same buckets in every language, so the English copies agree. */
export function formatAgo(ms: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return rtf.format(-s, 'second');
  if (s < 90 * 60) return rtf.format(-Math.round(s / 60), 'minute');
  if (s < 48 * 3600) return rtf.format(-Math.round(s / 3600), 'hour');
  return rtf.format(-Math.round(s / 86400), 'day');
}

const STATE_SENTENCES: Record<string, string> = {
  stopped: 'The instance is stopped.',
  stopping: 'The instance is stopping.',
  pending: 'The instance is starting; try again in a minute.',
  'shutting-down': 'The instance is being terminated.',
  terminated: 'The instance is terminated.',
};

/** Why a host that is not running cannot be reached (the route's reason and the sessions'). */
export function stateSentence(state: string): string {
  return STATE_SENTENCES[state] ?? `The instance is ${state}.`;
}

/** " (agent 3.2.1), last heard from 3 minutes ago", or the part of it that is known. */
function agentFacts(a: AgentStatus): string {
  const version = a.version ? ` (agent ${a.version})` : '';
  const seen = a.heardMsAgo !== undefined ? `, last heard from ${formatAgo(a.heardMsAgo, 'en')}` : '';
  return `${version}${seen}`;
}

function agentNow(a: AgentStatus): string {
  switch (a.ping) {
    case 'Online':
      return `the agent is online${agentFacts(a)}`;
    case 'ConnectionLost':
      return `the agent is registered but has lost its connection${agentFacts(a)}`;
    case 'Inactive':
      return `the agent is inactive${agentFacts(a)}`;
    case 'None':
      return 'no agent is registered with Systems Manager in this account and region';
  }
}

function agentLine(a: AgentStatus): string {
  switch (a.ping) {
    case 'Online':
      return `SSM agent: online${agentFacts(a)}.`;
    case 'ConnectionLost':
      return `SSM agent: registered but has lost its connection${agentFacts(a)}.`;
    case 'Inactive':
      return `SSM agent: inactive${agentFacts(a)}.`;
    case 'None':
      return 'SSM agent: none registered with Systems Manager in this account and region.';
  }
}

export function explainStepInEnglish(step: RouteStep): string {
  switch (step.code) {
    case 'state':
      if (step.state === 'running') return 'State: running.';
      return `State: ${step.state}. ${step.state === 'stopped' ? 'Start the instance to connect.' : 'Sessions need a running instance.'}`;
    case 'agent':
      return agentLine(step.agent);
    case 'is-bastion':
      return `This instance is a bastion (tag ${step.tag}).`;
    case 'no-vpc':
      return 'It is in no VPC, so no bastion can reach it.';
    case 'bastion-in-vpc':
      return `Bastion in ${step.vpc}: ${step.name} (${step.instanceId}${step.privateIp ? `, ${step.privateIp}` : ''}).`;
    case 'no-bastion-in-vpc':
      return `No running instance tagged ${step.tag} in ${step.vpc}.`;
    case 'route-ssm':
      return 'Route: Session Manager, through the SSM agent.';
    case 'route-bastion':
      return `Route: SSH through ${step.bastion ? `bastion ${step.bastion}` : 'this bastion directly'}. ${step.reason ?? ''}`.trim();
    case 'route-unreachable':
      return `Unreachable: ${step.reason ?? 'no route is known.'}`;
    case 'route-note':
      return step.note;
    case 'read-only-role':
      return `Listed with ${step.role}, which looks read-only: starting sessions will likely be denied. Choose another role for ${step.account} if you have one.`;
  }
}

export function sessionViaInEnglish(via: SessionVia): string {
  switch (via.code) {
    case 'ssm':
      return 'Session Manager';
    case 'ssh-direct':
      return 'SSH directly';
    case 'ssh-bastion':
      return `SSH via ${via.bastion}`;
  }
}

export function sessionBlockedInEnglish(reason: SessionBlocked): string {
  switch (reason.code) {
    case 'state':
      return stateSentence(reason.state);
    case 'agent':
      return `Session Manager needs the SSM agent online; ${agentNow(reason.agent)}.`;
    case 'windows':
      return 'Windows instances are reached with Session Manager, not SSH.';
    case 'no-bastion':
      return `No running bastion (tag ${reason.tag}) is in ${reason.vpc ?? 'its network'}.`;
  }
}

/** What the detail says beside a session: how it gets there, or why it is not possible. */
export function sessionNoteInEnglish(s: DetailSession): string | undefined {
  if (s.available) return s.via ? sessionViaInEnglish(s.via) : undefined;
  return s.reason ? sessionBlockedInEnglish(s.reason) : undefined;
}
