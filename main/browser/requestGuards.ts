// Checks every HTTP request and WebSocket upgrade must pass before the host does anything else.
// Each one closes a specific hole; together they make a loopback server safe to run on a machine
// whose browser also visits hostile pages.

/** The names under which this host may be addressed, e.g. `127.0.0.1:43125`. */
export interface HostIdentity {
  readonly port: number;
  /** Accepted `Host` header values. */
  readonly hosts: ReadonlySet<string>;
  /** Accepted `Origin` header values (`http://` + an accepted host). */
  readonly origins: ReadonlySet<string>;
  /** The origin the printed URL uses. */
  readonly origin: string;
}

export function hostIdentity(address: string, port: number): HostIdentity {
  const literal = address.includes(':') ? `[${address}]` : address;
  // `localhost` is also accepted: browsers resolve it to loopback themselves and never ask DNS,
  // so it cannot be rebound. Any other name could be (see checkHost).
  const hosts = new Set([`${literal}:${port}`, `localhost:${port}`]);
  return { port, hosts, origins: new Set([...hosts].map((h) => `http://${h}`)), origin: `http://${literal}:${port}` };
}

/**
 * DNS-rebinding guard: a page on attacker.example can make its own name resolve to 127.0.0.1 and
 * then talk to us "same-origin". Its requests still carry `Host: attacker.example`, so only the
 * loopback address and our port are accepted.
 */
export function hostAllowed(hostHeader: string | undefined, id: HostIdentity): boolean {
  return hostHeader !== undefined && id.hosts.has(hostHeader.toLowerCase());
}

/**
 * Cross-site WebSocket hijacking guard: WebSockets are exempt from the same-origin policy and CORS,
 * so any page could open one to us. Browsers always send `Origin` on a WebSocket handshake and page
 * script cannot forge it, so only our own origin is accepted; a missing Origin is refused too.
 */
export function originAllowed(origin: string | undefined, id: HostIdentity): boolean {
  return origin !== undefined && id.origins.has(origin.toLowerCase());
}

/** Reads one cookie from a `Cookie` header without trusting its format. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
