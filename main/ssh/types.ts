// The shapes the SSH connect path is built from: hops (one SSH server each, the last is the
// target), where their keys come from, and how a person is asked about host keys and second
// factors. Kept apart so the key vault, the terminal tabs and the CLI each depend on them only.
import type { BaseAgent } from 'ssh2';

/** One SSH server on the way to the target, with everything needed to log in to it. */
export interface SshHop {
  /** How a person knows it: `bastion-prod (i-0123…)` or `host:port`. */
  label: string;
  role: 'bastion' | 'target';
  /** Where to connect (the first hop over TCP) or what the previous hop opens a direct-tcpip channel to. */
  host: string;
  port: number;
  username: string;
  /** The name its host key is filed under in known_hosts (HostKeyAlias, or host / [host]:port). */
  hostKeyName: string;
  /** IdentityFile lines from ~/.ssh/config that apply, expanded (the key vault decides whether to use them). */
  identityFiles: string[];
  /** The EC2 instance behind it, when the inventory knows it. */
  instance?: { instanceId: string; name?: string; accountId: string; region: string; environment?: string };
}

/** A private key handed out for one login; held in memory only by whoever gave it. */
export interface SshKey {
  /** The key itself; the key vault gives an agent instead, so ssh2 never holds the private key. */
  privateKey?: string | Buffer;
  /** An agent that signs for this login (the vault's, which refuses once the key is wiped). */
  agent?: BaseAgent;
  passphrase?: string;
  /** A user name the key is meant for (Instance Connect pushes a key for one OS user). */
  username?: string;
  /** When the key stops being valid (epoch ms), for messages. */
  expiresAt?: number;
  /** Where it came from, for messages and logs (never the key itself). */
  source: string;
}

/** The role a connection acts as: what a key vault needs to fetch keys with the user's credentials. */
export interface SshAccess {
  ssoSessionId: string;
  accountId: string;
  roleName: string;
  region: string;
}

/** What a key provider may use while finding a key for one hop of one connection. */
export interface SshKeyContext {
  /** The same for every hop of one connection (an Instance Connect key pair is per connection). */
  connectionId: string;
  /** Asks the person at the keyboard (a key file's passphrase). */
  prompter?: SshPrompter;
  signal?: AbortSignal;
}

export interface SshKeyProvider {
  /** The key to log in to `hop` with; undefined when there is none (only keyboard-interactive is tried). */
  keyFor(hop: SshHop, access: SshAccess, context?: SshKeyContext): Promise<SshKey | undefined>;
}

export interface HostKeyQuestion {
  host: string;
  hostKeyName: string;
  keyType: string;
  fingerprint: string;
  /** Key types already known for this name (the server now offers a new type). */
  otherTypes: string[];
}

export interface KeyboardInteractiveQuestion {
  host: string;
  name: string;
  instructions: string;
  prompts: Array<{ prompt: string; echo: boolean }>;
}

/** Asks the person at the keyboard; every answer may also be "no" (undefined / false). */
export interface SshPrompter {
  confirmHostKey(question: HostKeyQuestion): Promise<boolean>;
  /** The answers in prompt order, or undefined when the person cancelled. */
  keyboardInteractive(question: KeyboardInteractiveQuestion): Promise<string[] | undefined>;
}
