// The "forward a port" form's rules, apart from React: ports 1–65535 (the local one may be empty for
// any free port), a host name or IPv4 address as the remote host, a reason for production.
import { RemoteHostSchema } from '../../../../common/api/forwards';
import type { MessageKey } from '../../i18n/i18n';

export interface ForwardFormValues {
  remotePort: string;
  remoteHost: string;
  localPort: string;
  reason: string;
}

export type ForwardFormProblems = Partial<Record<keyof ForwardFormValues, MessageKey>>;

/** Checks the form; returns the request fields or the problem per field. */
export function checkForwardForm(v: ForwardFormValues, production: boolean): { ok: true; value: { remotePort: number; remoteHost?: string; localPort?: number; reason?: string } } | { ok: false; problems: ForwardFormProblems } {
  const problems: ForwardFormProblems = {};
  const port = (text: string, allowZero: boolean) => (/^\d{1,5}$/.test(text) && Number(text) <= 65535 && (allowZero || Number(text) >= 1) ? Number(text) : undefined);
  const remotePort = port(v.remotePort.trim(), false);
  if (remotePort === undefined) problems.remotePort = 'forward.problem.port';
  const host = v.remoteHost.trim();
  if (host && !RemoteHostSchema.safeParse(host).success) problems.remoteHost = 'forward.problem.host';
  const localText = v.localPort.trim();
  const localPort = localText ? port(localText, true) : 0;
  if (localPort === undefined) problems.localPort = 'forward.problem.localPort';
  const reason = v.reason.trim();
  if (production && !reason) problems.reason = 'forward.problem.reason';
  if (Object.keys(problems).length > 0 || remotePort === undefined || localPort === undefined) return { ok: false, problems };
  return { ok: true, value: { remotePort, ...(host ? { remoteHost: host } : {}), ...(localPort ? { localPort } : {}), ...(reason ? { reason } : {}) } };
}

