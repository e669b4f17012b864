// The rule every address Fumidai will send something to (or fetch code from) follows: https, plain
// http only for this computer, and no user name or password inside the URL (it would be stored and
// logged in clear). Each caller words the problem for its own setting.

/** Hosts that are this computer. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type HttpsUrlProblem = 'not-a-url' | 'scheme' | 'plain-http' | 'credentials';

export function checkHttpsUrl(text: string): { ok: true; url: URL } | { ok: false; problem: HttpsUrlProblem; protocol?: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'not-a-url' };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { ok: false, problem: 'plain-http' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme', protocol: url.protocol };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  return { ok: true, url };
}
