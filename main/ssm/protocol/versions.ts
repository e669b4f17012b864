// Version comparisons that decide protocol features (smux, keep-alive, flags).

/** Lenient dotted-number comparison (missing components count as 0), like the agent's. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The agent multiplexes LocalPortForwarding with smux iff ClientVersion ≥ 1.1.70. */
export function agentUsesMux(clientVersion: string, portType: string | undefined): boolean {
  return portType === 'LocalPortForwarding' && compareVersions(clientVersion, '1.1.70') >= 0;
}

/** The plugin multiplexes iff type is LocalPortForwarding and AgentVersion > 3.0.196.0. */
export function clientUsesMux(agentVersion: string, portType: string | undefined): boolean {
  return portType === 'LocalPortForwarding' && compareVersions(agentVersion, '3.0.196.0') > 0;
}

/** The agent disables smux keep-alive iff ClientVersion > 1.2.331.0. */
export function agentSmuxKeepAlive(clientVersion: string): boolean {
  return compareVersions(clientVersion, '1.2.331.0') <= 0;
}

/** Port sessions with an agent newer than this understand the TerminateSession flag. */
export function agentSupportsTerminateFlag(agentVersion: string): boolean {
  return compareVersions(agentVersion, '2.3.722.0') > 0;
}
