// A fumidai:// link can be clicked by anyone on any web page, so it is parsed against an exact
// allow-list before it is allowed to do anything: one scheme, two actions, known parameters with
// strict patterns and lengths, each at most once, and nothing else (no credentials, port, path or
// fragment). Anything else is rejected with a reason the caller logs; it never becomes an action.
export const DEEP_LINK_MAX_LENGTH = 512;

export type DeepLink =
  | { readonly action: 'connect'; readonly account: string; readonly instance: string; readonly region?: string }
  | { readonly action: 'login'; readonly session: string };

export type DeepLinkResult = { readonly ok: true; readonly link: DeepLink } | { readonly ok: false; readonly reason: string };

const ACCOUNT = /^\d{12}$/;
const INSTANCE = /^i-[0-9a-f]{8,17}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const SESSION = /^[A-Za-z0-9_.+@-]{1,64}$/;

const SPEC: Record<DeepLink['action'], { required: readonly string[]; optional: readonly string[] }> = {
  connect: { required: ['account', 'instance'], optional: ['region'] },
  login: { required: ['session'], optional: [] },
};

const PATTERNS: Record<string, RegExp> = { account: ACCOUNT, instance: INSTANCE, region: REGION, session: SESSION };

const reject = (reason: string): DeepLinkResult => ({ ok: false, reason });

export function parseDeepLink(raw: string): DeepLinkResult {
  if (raw.length > DEEP_LINK_MAX_LENGTH) return reject(`link is longer than ${DEEP_LINK_MAX_LENGTH} characters`);
  // Control characters and whitespace are never part of a link we make; the URL parser would strip some silently.
  if (/[\s\\]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return reject('link contains whitespace, control characters or backslashes');
  const head = /^fumidai:\/\/([a-z]+)(\?[^#]*)?$/.exec(raw);
  if (!head) return reject('link must look like fumidai://<action>?<parameters> with no credentials, port, path or fragment');
  const action = head[1] as string;
  if (!Object.hasOwn(SPEC, action)) return reject(`unknown action "${action}"`);
  const spec = SPEC[action as DeepLink['action']];
  const values = new Map<string, string>();
  for (const pair of (head[2] ?? '?').slice(1).split('&').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return reject(`malformed parameter "${pair.slice(0, 32)}"`);
    const name = pair.slice(0, eq);
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      return reject(`parameter "${name.slice(0, 32)}" is not valid percent-encoding`);
    }
    if (!spec.required.includes(name) && !spec.optional.includes(name)) return reject(`unknown parameter "${name.slice(0, 32)}" for ${action}`);
    if (values.has(name)) return reject(`parameter "${name}" appears more than once`);
    if (!PATTERNS[name]?.test(value)) return reject(`parameter "${name}" has an invalid value`);
    values.set(name, value);
  }
  const missing = spec.required.filter((n) => !values.has(n));
  if (missing.length > 0) return reject(`missing parameter ${missing.map((n) => `"${n}"`).join(', ')}`);
  if (action === 'login') return { ok: true, link: { action, session: values.get('session') as string } };
  const region = values.get('region');
  return {
    ok: true,
    link: {
      action: 'connect',
      account: values.get('account') as string,
      instance: values.get('instance') as string,
      ...(region !== undefined ? { region } : {}),
    },
  };
}
