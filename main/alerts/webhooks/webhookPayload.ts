// What a team webhook receives when a session starts: who, when, which host, which role and why.
// Slack incoming webhooks take `{ text, blocks }`; every other receiver gets the facts as plain
// JSON fields it can route on.
import type { Environment } from '../../../common/environments';
import type { WebhookFormat } from './webhookStore';

export interface SessionStartFacts {
  user: string;
  at: number;
  environment: Environment;
  host: { instanceId: string; name?: string };
  account: { id: string; name?: string };
  role: string;
  region: string;
  reason?: string;
  awsSessionId?: string;
}

export function webhookPayload(format: WebhookFormat, f: SessionStartFacts): Record<string, unknown> {
  const when = new Date(f.at).toISOString();
  if (format === 'json') {
    return {
      event: 'session-started',
      source: 'fumidai',
      user: f.user,
      at: when,
      environment: f.environment,
      host: f.host,
      account: f.account,
      role: f.role,
      region: f.region,
      reason: f.reason ?? null,
      awsSessionId: f.awsSessionId ?? null,
    };
  }
  const host = f.host.name ? `${f.host.name} (${f.host.instanceId})` : f.host.instanceId;
  const account = f.account.name ? `${f.account.name} (${f.account.id})` : f.account.id;
  const text = `${f.user} started a session on ${host} in ${account} as ${f.role} (${f.environment}) at ${when}${f.reason ? ` — reason: ${f.reason}` : ''}`;
  const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${escapeSlack(value)}` });
  return {
    text: escapeSlack(text),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:key: *${escapeSlack(f.user)}* started a session on *${escapeSlack(host)}*` } },
      {
        type: 'section',
        fields: [field('Account', account), field('Role', f.role), field('Environment', f.environment), field('When', when), field('Region', f.region), field('Reason', f.reason ?? '—')],
      },
    ],
  };
}

/** Slack treats <, > and & as markup; names come from tags anyone may write. */
function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
