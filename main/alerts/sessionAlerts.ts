// Local login notifications: sign-in succeeded or failed, and every terminal session's start,
// reconnect and end with its host, account, role and OS user — what the seeds' bastion posted to
// Slack on every login, told here to the user themselves first.
import type { SessionsSnapshot } from '../../common/api/auth';
import type { TerminalSummary } from '../../common/api/sessions';
import type { Disposer, Event } from '../../common/event';
import type { AlertsService } from './alertsService';

export interface SessionLabels {
  host?: string;
  account?: string;
}

/** Sign-in outcomes, told once per transition out of "signing in". */
export function notifySignIns(auth: { onDidChange: Event<SessionsSnapshot>; snapshot(): SessionsSnapshot }, alerts: AlertsService): Disposer {
  const previous = new Map(auth.snapshot().sessions.map((s) => [s.id, s.state]));
  return auth.onDidChange((snap) => {
    for (const s of snap.sessions) {
      const before = previous.get(s.id);
      previous.set(s.id, s.state);
      if (before !== 'signing-in' || s.state === 'signing-in') continue;
      if (s.state === 'signed-in' && s.expiresAt !== undefined) {
        alerts.resolve(`expiring:sso:${s.id}`);
        alerts.resolve(`expired:sso:${s.id}`);
        alerts.notify({ kind: 'signin-succeeded', key: `signin:${s.id}`, params: { name: s.name, until: s.expiresAt }, quiet: true });
      } else if (s.state === 'error' && s.error) {
        alerts.notify({
          kind: 'signin-failed',
          key: `signin-failed:${s.id}`,
          severity: 'warning',
          params: { name: s.name, message: s.error.message },
          actions: [{ type: 'sign-in', sessionId: s.id }],
        });
      }
    }
  });
}

/**
 * Session start, reconnect and end. `labels` names the host and account (the inventory knows
 * them); the OS user is the one the shell's first prompt named.
 */
export function notifyTerminals(terminals: { onDidChange: Event<TerminalSummary> }, alerts: AlertsService, labels: (t: TerminalSummary) => SessionLabels = () => ({})): Disposer {
  const told = new Map<string, TerminalSummary['state']>();
  return terminals.onDidChange((t) => {
    const before = told.get(t.terminalId);
    if (before === t.state) return;
    told.set(t.terminalId, t.state);
    const l = labels(t);
    const params = {
      host: l.host ?? t.instanceId,
      instanceId: t.instanceId,
      account: l.account ?? t.accountId,
      accountId: t.accountId,
      role: t.roleName,
      ...(t.osUser ? { osUser: t.osUser } : {}),
    };
    const focus = [{ type: 'focus-terminal' as const, terminalId: t.terminalId }];
    if (t.state === 'live' && before === undefined) {
      alerts.notify({ kind: 'session-started', key: `session:${t.terminalId}`, params, actions: focus });
    } else if (t.state === 'reconnecting') {
      alerts.notify({ kind: 'session-reconnecting', key: `reconnecting:${t.terminalId}`, severity: 'warning', params, actions: focus });
    } else if (t.state === 'live' && before === 'reconnecting') {
      alerts.resolve(`reconnecting:${t.terminalId}`);
    } else if (t.state === 'ended') {
      alerts.resolve(`reconnecting:${t.terminalId}`);
      alerts.notify({ kind: 'session-ended', key: `ended:${t.terminalId}`, params: { ...params, ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}) } });
    }
  });
}
