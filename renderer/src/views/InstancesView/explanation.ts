// The detail panel's route explanation and session notes in the window's language, from the steps
// the core sends. The English catalog says exactly what common/inventory/explanation.ts says for
// the CLI (test/i18n/detailExplanation.test.ts keeps them equal).
import type { AgentStatus, DetailSession, RouteStep, SessionBlocked, SessionVia } from '../../../../common/api/inventory';
import { formatAgo } from '../../../../common/inventory/explanation';
import type { Locale, MessageKey, Translate } from '../../i18n/i18n';
import { routeReason } from './routeReason';
import { instanceStateLabel } from './instanceState';

const STATES = ['stopped', 'stopping', 'pending', 'shutting-down', 'terminated'] as const;

/** The same sentence the Instances list uses for a host that is not running. */
function stateSentence(t: Translate, state: string): string {
  return (STATES as readonly string[]).includes(state) ? t(`route.state.${state}` as MessageKey) : t('route.state.other', { state });
}

/** Version and last report, as much as is known, in the catalog's own punctuation. */
function agentFacts(t: Translate, locale: Locale, a: AgentStatus): string {
  const ago = a.heardMsAgo !== undefined ? formatAgo(a.heardMsAgo, locale) : undefined;
  if (a.version && ago) return t('instances.explain.agentFacts.both', { version: a.version, ago });
  if (a.version) return t('instances.explain.agentFacts.version', { version: a.version });
  if (ago) return t('instances.explain.agentFacts.heard', { ago });
  return '';
}

export function explainStep(t: Translate, locale: Locale, step: RouteStep): string {
  switch (step.code) {
    case 'state':
      if (step.state === 'running') return t('instances.explain.state.running');
      return t(step.state === 'stopped' ? 'instances.explain.state.stopped' : 'instances.explain.state.other', { state: instanceStateLabel(t, step.state) });
    case 'agent':
      return t(`instances.explain.agent.${step.agent.ping}`, { facts: agentFacts(t, locale, step.agent) });
    case 'is-bastion':
      return t('instances.explain.isBastion', { tag: step.tag });
    case 'no-vpc':
      return t('instances.explain.noVpc');
    case 'bastion-in-vpc':
      return step.privateIp
        ? t('instances.explain.bastionInVpcIp', { vpc: step.vpc, name: step.name, id: step.instanceId, ip: step.privateIp })
        : t('instances.explain.bastionInVpc', { vpc: step.vpc, name: step.name, id: step.instanceId });
    case 'no-bastion-in-vpc':
      return t('instances.explain.noBastionInVpc', { vpc: step.vpc, tag: step.tag });
    case 'route-ssm':
      return t('instances.explain.routeSsm');
    case 'route-bastion': {
      const reason = routeReason(t, { kind: 'bastion', ...(step.reason ? { reason: step.reason } : {}), ...(step.why ? { why: step.why } : {}) }) ?? '';
      return (step.bastion ? t('instances.explain.routeBastion', { bastion: step.bastion, reason }) : t('instances.explain.routeBastionSelf', { reason })).trim();
    }
    case 'route-unreachable': {
      const reason = routeReason(t, { kind: 'unreachable', ...(step.reason ? { reason: step.reason } : {}), ...(step.why ? { why: step.why } : {}) });
      return t('instances.explain.unreachable', { reason: reason ?? t('instances.explain.noRouteKnown') });
    }
    case 'route-note':
      // A note without a code (an older core) keeps its English words rather than saying nothing.
      return step.noteCode === 'agent-lost' ? t('instances.explain.note.agentLost') : step.note;
    case 'read-only-role':
      return t('instances.explain.readOnlyRole', { role: step.role, account: step.account });
  }
}

function sessionVia(t: Translate, via: SessionVia): string {
  switch (via.code) {
    case 'ssm':
      return t('instances.via.ssm');
    case 'ssh-direct':
      return t('instances.via.sshDirect');
    case 'ssh-bastion':
      return t('instances.via.sshBastion', { bastion: via.bastion });
  }
}

function sessionBlocked(t: Translate, locale: Locale, reason: SessionBlocked): string {
  switch (reason.code) {
    case 'state':
      return stateSentence(t, reason.state);
    case 'agent':
      return t('instances.blocked.agent', { agent: t(`instances.blocked.agentNow.${reason.agent.ping}`, { facts: agentFacts(t, locale, reason.agent) }) });
    case 'windows':
      return t('instances.blocked.windows');
    case 'no-bastion':
      return reason.vpc ? t('instances.blocked.noBastion', { tag: reason.tag, vpc: reason.vpc }) : t('instances.blocked.noBastionNoVpc', { tag: reason.tag });
  }
}

/** What the panel says beside a session: how it gets there, or why it is not possible. */
export function sessionNote(t: Translate, locale: Locale, s: DetailSession): string | undefined {
  if (s.available) return s.via ? sessionVia(t, s.via) : undefined;
  return s.reason ? sessionBlocked(t, locale, s.reason) : undefined;
}
