// Turns sshd's VERBOSE log lines into login records: one per connection, a success when the last
// required method is accepted, a failure when the connection ends before that.
import { publickeyMethod, type KeySource } from '../hostAuth';
import { LoginAttempt, type LoginLog } from '../loginLog';

const ADDRESS = String.raw`(\S+) port (\d+)`;
const PATTERNS = {
  opened: new RegExp(String.raw`^Connection from ${ADDRESS} on `),
  // "Accepted publickey for u from 1.2.3.4 port 5 ssh2: ED25519 SHA256:..."; "Partial ..." when
  // more methods must follow; "Failed ..." for a refused attempt.
  outcome: new RegExp(String.raw`^(Accepted|Partial|Failed) (publickey|keyboard-interactive/pam|keyboard-interactive) for (invalid user )?(\S+) from ${ADDRESS} ssh2(?:: \S+ (SHA256:\S+))?`),
  invalidUser: new RegExp(String.raw`^Invalid user (\S*) from ${ADDRESS}`),
  // "authenticating user"/"invalid user" name a connection that never logged in; "user" one that did.
  ended: new RegExp(String.raw`^(?:Connection closed by|Disconnected from|Connection reset by|Received disconnect from|Timeout before authentication for)(?: (authenticating user|invalid user|user) (\S+))? ${ADDRESS}`),
  maxTries: new RegExp(String.raw`^(?:error: )?maximum authentication attempts exceeded for (invalid user |)(\S+) from ${ADDRESS}`),
};

export class SshdLogParser {
  private readonly attempts = new Map<string, { attempt: LoginAttempt; done: boolean }>();
  /** Connections already recorded: sshd writes several lines as one ends ("Received disconnect",
   *  "Disconnected from ..."); only the first counts. Cleared when the address:port is reused. */
  private readonly finished = new Set<string>();

  constructor(
    private readonly instanceId: string,
    private readonly logins: LoginLog,
    private readonly now: () => number,
    /** Which source (Parameter Store key or Instance Connect) a key fingerprint came from. */
    private readonly sourceOf: (fingerprint: string, osUser: string) => KeySource | undefined,
  ) {}

  private attemptFor(address: string, port: string, osUser: string): { attempt: LoginAttempt; done: boolean } {
    const key = `${address}:${port}`;
    let entry = this.attempts.get(key);
    if (!entry) {
      entry = { attempt: new LoginAttempt(this.logins, this.instanceId, address, this.now), done: false };
      this.attempts.set(key, entry);
    }
    if (osUser) entry.attempt.restart(osUser);
    return entry;
  }

  line(text: string): void {
    const line = text.replace(/ \[preauth\]$/, '').trim();
    let m = PATTERNS.opened.exec(line);
    if (m) {
      this.finished.delete(`${m[1]}:${m[2]}`);
      return;
    }
    m = PATTERNS.outcome.exec(line);
    if (m) {
      const [, verdict, method, , osUser, address, port, fingerprint] = m as unknown as string[];
      const entry = this.attemptFor(address!, port!, osUser!);
      if (verdict === 'Failed') return;
      if (method === 'publickey') {
        const source = fingerprint ? this.sourceOf(fingerprint, osUser!) : undefined;
        entry.attempt.methods.push(source ? publickeyMethod(source) : 'publickey');
        entry.attempt.keyFingerprint = fingerprint ?? '';
      } else {
        entry.attempt.methods.push('keyboard-interactive');
      }
      if (verdict === 'Accepted') {
        entry.done = true;
        entry.attempt.succeeded();
      }
      return;
    }
    m = PATTERNS.invalidUser.exec(line);
    if (m) {
      this.attemptFor(m[2]!, m[3]!, m[1] || '(none)');
      return;
    }
    m = PATTERNS.ended.exec(line) ?? PATTERNS.maxTries.exec(line);
    if (m) {
      const [, kind, osUser, address, port] = m as unknown as Array<string | undefined>;
      const key = `${address}:${port}`;
      if (this.finished.has(key)) return;
      const preauth = kind !== undefined && kind !== 'user';
      const entry = this.attempts.get(key) ?? (preauth && osUser ? this.attemptFor(address!, port!, osUser) : undefined);
      if (!entry) return;
      if (!entry.done) entry.attempt.ended();
      entry.done = true;
      this.attempts.delete(key);
      this.finished.add(key);
      // Bounded: a long-running emulator sees many connections.
      if (this.finished.size > 10_000) this.finished.delete(this.finished.values().next().value!);
    }
  }
}
