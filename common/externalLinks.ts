// Which URLs Fumidai may hand to the user's browser (Electron security checklist #15: never
// shell.openExternal untrusted content). AWS sign-in and console pages, the user's own SSO
// start-URL hosts, and loopback pages (the local sign-in callback and the embedded sandbox).

import { LOOPBACK_HOSTS } from './httpsUrl';

const AWS_HOST_SUFFIXES = ['.awsapps.com', '.aws.amazon.com', '.amazonaws.com', '.amazonaws.com.cn', '.aws'];
const AWS_HOSTS = ['aws.amazon.com', 'signin.aws', 'console.aws.amazon.com'];

export type ExternalLinkVerdict = { allowed: true; url: string } | { allowed: false; reason: string };

export function checkExternalUrl(raw: string, extraHosts: readonly string[] = []): ExternalLinkVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { allowed: false, reason: 'not a valid URL' };
  }
  if (url.username || url.password) return { allowed: false, reason: 'URLs with embedded credentials are never opened' };
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'http:') {
    if (LOOPBACK_HOSTS.has(host)) return { allowed: true, url: url.href };
    return { allowed: false, reason: 'only https links are opened (http only for this computer)' };
  }
  if (url.protocol !== 'https:') return { allowed: false, reason: `${url.protocol} links are never opened` };
  const extra = extraHosts.map((h) => h.toLowerCase());
  const ok =
    AWS_HOSTS.includes(host) ||
    AWS_HOST_SUFFIXES.some((s) => host.endsWith(s)) ||
    extra.includes(host) ||
    LOOPBACK_HOSTS.has(host);
  return ok ? { allowed: true, url: url.href } : { allowed: false, reason: `${host} is not on the list of sites Fumidai opens` };
}
