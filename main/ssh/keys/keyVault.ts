// The key vault's contract with the SSH connect path: ask for a key for one hop, get back something
// ssh2 can authenticate with. Keys live in memory only, each with an expiry; the vault wipes them
// (zero-fills its buffers) on expiry, sign-out, lock and quit, and announces each step as an event.
//
// ssh2 never receives the private key itself: every key, whatever its source, is handed over as an
// ssh2 agent backed by the vault. A session that still holds the agent after a wipe therefore
// cannot sign with the key again (the next hop must ask the vault, which loads a fresh key), and
// ssh2 keeps no copy of the key in its own objects.
import type { AgentAuthMethod, BaseAgent } from 'ssh2';
import type { Event } from '../../../common/event';
import type { Environment } from '../../../common/environments';
import type { Hop, KeyInfo, KeySourceKind, KeysSnapshot, WipeReason } from '../../../common/api/keys';

export type { Hop, KeyInfo, KeySourceKind, WipeReason };

/** Which source the vault uses for a hop; normally from the settings' key rules. */
export type KeySourceChoice =
  /** A SecureString in the target account; `name` is a full parameter name (default from the rule's path). */
  | { kind: 'parameter-store'; name?: string }
  /** A fresh key pair per connection, its public half pushed with SendSSHPublicKey (valid 60 s). */
  | { kind: 'instance-connect' }
  /** The user's own private key file (OpenSSH or PEM), read at connect time, passphrase by prompt. */
  | { kind: 'file'; path: string }
  /** The user's SSH agent (default SSH_AUTH_SOCK); optionally only the key with this fingerprint. */
  | { kind: 'agent'; socket?: string; fingerprint?: string };

/** One hop of one connection: which host, as which OS user, with whose AWS credentials. */
export interface KeyRequest {
  /** The SSO session whose role credentials fetch the parameter or push the Instance Connect key. */
  ssoSessionId: string;
  accountId: string;
  roleName: string;
  region: string;
  instanceId: string;
  environment: Environment;
  hop: Hop;
  osUser: string;
  /**
   * Identifies one connection attempt. Instance Connect hops with the same id share one key pair
   * (pushed to the bastion and to the target); a new connection gets a new pair.
   */
  connectionId: string;
  /** Labels for the Keys list. */
  instanceName?: string;
  accountName?: string;
  /** SendSSHPublicKey's optional AvailabilityZone. */
  availabilityZone?: string;
  /** Overrides the configured rule (the CLI's --identity, a per-host choice). */
  source?: KeySourceChoice;
}

/** What the vault may ask the user while loading a key (answered in the tab's prompt). */
export interface KeyInteraction {
  /**
   * The passphrase of an encrypted key file. `attempt` starts at 1 and grows after a wrong one.
   * Resolve undefined to give up (the load fails with Cancelled).
   */
  askPassphrase?(request: { label: string; attempt: number }): Promise<string | undefined>;
  signal?: AbortSignal;
}

/** A key the vault holds for a hop. */
export interface LoadedKey {
  readonly info: KeyInfo;
  /**
   * What to hand ssh2's authHandler for this hop. Throws a FumidaiError with code `KeyExpired`
   * (the message says which key and that connecting again loads a fresh one) once it expired or
   * was wiped.
   */
  authMethod(username: string): AgentAuthMethod;
  /** The vault's ssh2 agent for this key (same as in authMethod). Refuses to sign once wiped. */
  readonly agent: BaseAgent;
  /** False once expired or wiped. */
  readonly usable: boolean;
}

export interface WipedKey {
  info: KeyInfo;
  reason: WipeReason;
}

export interface KeyVault {
  /**
   * A key for this hop: a still-valid one the vault already holds for the same source, account and
   * parameter (or connection, for Instance Connect), or a freshly loaded one. Instance Connect keys
   * are pushed to the request's instance before this resolves. Failures are FumidaiErrors whose
   * message says what went wrong and what to do (AccessDenied names the parameter and the role).
   */
  acquire(request: KeyRequest, interaction?: KeyInteraction): Promise<LoadedKey>;
  /** Metadata of every key held now, soonest expiry first. */
  list(): KeysSnapshot;
  /** Wipes one key; false when it was not held. */
  wipe(id: string, reason: WipeReason): boolean;
  /** Wipes every key (or those of one SSO session); returns how many. */
  wipeAll(reason: WipeReason, filter?: { ssoSessionId?: string }): number;

  readonly onDidLoad: Event<KeyInfo>;
  /** Once per key, when its remaining life drops below the warning threshold (default 5 min). */
  readonly onDidNearExpiry: Event<KeyInfo>;
  /** At expiry, just before the wipe (which follows with reason 'expired'). */
  readonly onDidExpire: Event<KeyInfo>;
  readonly onDidWipe: Event<WipedKey>;
  /** Any change to the list (loaded, extended, wiped). */
  readonly onDidChange: Event<KeysSnapshot>;
}
