// Which environment an AWS account belongs to, guessed from its name and e-mail the way people
// name accounts in a landing zone ("acme-prod", "stg-payments", "sandbox-alice"), overridable by
// rules the user configures. Production is checked first: a wrong "development" label on a
// production account is the mistake that hurts.

export const ENVIRONMENTS = ['production', 'staging', 'development', 'sandbox', 'other'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface EnvironmentRule {
  /** Case-insensitive substring or /regex/ matched against "name email id". */
  match: string;
  environment: Environment;
}

const BUILT_IN: Array<{ environment: Environment; pattern: RegExp }> = [
  { environment: 'production', pattern: /(^|[^a-z])(prod|prd|production|live|honban|本番)([^a-z]|$)/i },
  { environment: 'staging', pattern: /(^|[^a-z])(stg|stage|staging|preprod|pre-prod|uat|qa|検証)([^a-z]|$)/i },
  { environment: 'development', pattern: /(^|[^a-z])(dev|develop|development|test|開発)([^a-z]|$)/i },
  { environment: 'sandbox', pattern: /(^|[^a-z])(sandbox|sbx|playground|experiment)([^a-z]|$)/i },
];

function ruleMatches(rule: EnvironmentRule, haystack: string): boolean {
  const m = /^\/(.+)\/([a-z]*)$/.exec(rule.match);
  if (m) {
    try {
      return new RegExp(m[1]!, m[2]!.includes('i') ? m[2] : `${m[2]}i`).test(haystack);
    } catch {
      return false;
    }
  }
  return haystack.toLowerCase().includes(rule.match.toLowerCase());
}

export function classifyAccount(
  account: { accountId: string; accountName: string; emailAddress?: string },
  rules: readonly EnvironmentRule[] = [],
): Environment {
  const haystack = `${account.accountName} ${account.emailAddress ?? ''} ${account.accountId}`;
  for (const rule of rules) if (ruleMatches(rule, haystack)) return rule.environment;
  // Names first, then e-mail: "payments-dev" wins over "aws+prod-billing@" style addresses.
  for (const text of [account.accountName, account.emailAddress ?? '']) {
    const normalized = text.replace(/[_.+@]/g, '-');
    for (const { environment, pattern } of BUILT_IN) if (pattern.test(normalized)) return environment;
  }
  return 'other';
}
