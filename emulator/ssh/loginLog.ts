// The login history of a fleet: every finished authentication, successful or not, in order, with
// listeners for login notifications.
import type { SshLoginRecord } from '../contracts';

export class LoginLog {
  private readonly records: SshLoginRecord[] = [];
  private readonly listeners = new Set<(record: SshLoginRecord) => void>();

  constructor(private readonly log: (m: string) => void = () => {}) {}

  add(record: SshLoginRecord): void {
    this.records.push(record);
    this.log(
      `ssh ${record.success ? 'login' : 'failed login'}: ${record.osUser}@${record.hostInstanceId} from ${record.remoteAddress} ` +
        `[${record.methods.join(', ') || 'no method'}] ${record.keyFingerprint}`,
    );
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch (err) {
        this.log(`ssh login listener failed: ${(err as Error).message}`);
      }
    }
  }

  all(): SshLoginRecord[] {
    return this.records.map((r) => ({ ...r, methods: [...r.methods] }));
  }

  onDidLogin(listener: (record: SshLoginRecord) => void): void {
    this.listeners.add(listener);
  }
}

/**
 * Collects one connection's authentication progress and turns it into exactly one record: a
 * success once every required method passed, otherwise a failure when the connection ends after
 * the client tried to authenticate as someone.
 */
export class LoginAttempt {
  osUser = '';
  methods: string[] = [];
  keyFingerprint = '';
  private done = false;

  constructor(
    private readonly sink: LoginLog,
    private readonly hostInstanceId: string,
    private readonly remoteAddress: string,
    private readonly now: () => number,
  ) {}

  restart(osUser: string): void {
    if (osUser === this.osUser) return;
    this.osUser = osUser;
    this.methods = [];
    this.keyFingerprint = '';
  }

  succeeded(): void {
    this.finish(true);
  }

  /** The connection ended: if it never logged in but tried, that is a failed login. */
  ended(): void {
    if (this.osUser) this.finish(false);
  }

  private finish(success: boolean): void {
    if (this.done) return;
    this.done = true;
    this.sink.add({
      hostInstanceId: this.hostInstanceId,
      osUser: this.osUser,
      methods: [...this.methods],
      keyFingerprint: this.keyFingerprint,
      remoteAddress: this.remoteAddress,
      atMs: this.now(),
      success,
    });
  }
}
