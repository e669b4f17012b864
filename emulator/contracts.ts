// The seams between the emulator's parts. The control plane (APIs, policy, fixture, clock) is one
// part; the Session Manager data channel and the SSH hosts are others. They meet only through
// these interfaces so each can be built and tested on its own.

/** The emulator's notion of "now" (epoch ms). Tests move it to expire tokens instantly. */
export interface Clock {
  now(): number;
}

/** A fixture instance as the data plane needs it. */
export interface InstanceRuntimeInfo {
  instanceId: string;
  accountId: string;
  region: string;
  name: string;
  platform: 'Linux' | 'Windows';
  /** Directory that plays the instance's disk: shells start in a home directory under it. */
  rootDir: string;
  /** TCP services the instance "runs", keyed by port (echo, http, a fake database...). */
  services: Array<{ port: number; kind: 'echo' | 'http' | 'postgres-banner' }>;
}

/** What StartSession authorised; the data channel runs exactly this. */
export interface AuthorizedSession {
  sessionId: string;
  /** Single-use token the client must present in the open-data-channel frame. */
  tokenValue: string;
  target: InstanceRuntimeInfo;
  documentName: string;
  parameters: Record<string, string[]>;
  /** OS user the shell runs as (SSMSessionRunAs from the permission set, else ssm-user). */
  runAsUser: string;
  /** IAM identity (the role session ARN) that started it, for CloudTrail and the prompt. */
  principalArn: string;
  reason?: string;
  /** The KMS key the account's Session Manager preferences encrypt shell sessions with, if any. */
  kmsKeyId?: string;
}

/**
 * Implemented by the data-channel part; called by the SSM API part. StartSession and
 * ResumeSession are authorised by the control plane, which then asks the broker for a stream URL.
 */
export interface SessionBroker {
  /** Registers an authorised session and returns the WebSocket URL the client must open. */
  createSession(session: AuthorizedSession): { streamUrl: string };
  /** Issues a new single-use token for an existing session (ResumeSession). Throws if unknown or terminated. */
  resumeSession(sessionId: string): { streamUrl: string; tokenValue: string };
  /** Ends a session (TerminateSession); the agent side sends channel_closed and kills the shell. */
  terminateSession(sessionId: string): void;
  /** Sessions still running, for DescribeSessions (State=Active). */
  activeSessionIds(): string[];
  /** Notifies the control plane when a session ends on its own (shell exit), for history. */
  onDidEndSession(listener: (sessionId: string, endedAtMs: number) => void): void;
}

/** Implemented by the control plane (EC2 Instance Connect SendSSHPublicKey); read by SSH hosts. */
export interface InstanceConnectKeys {
  /** OpenSSH public-key lines pushed for this instance and OS user that are still valid now (60 s). */
  validKeys(instanceId: string, osUser: string): string[];
}

/** One SSH login on an emulated host, so login notifications and audit can be tested. */
export interface SshLoginRecord {
  hostInstanceId: string;
  osUser: string;
  /** 'publickey' with the key source, 'keyboard-interactive' for the TOTP step. */
  methods: string[];
  keyFingerprint: string;
  remoteAddress: string;
  atMs: number;
  success: boolean;
}

/** One emulated SSH server (a bastion, or a target without the SSM agent). */
export interface SshHostSpec {
  instanceId: string;
  name: string;
  role: 'bastion' | 'target';
  /** The instance's private IP as DescribeInstances reports it; a bastion's direct-tcpip to
   *  `privateIp:22` is mapped onto the emulated host's loopback port (traffic never leaves loopback). */
  privateIp: string;
  /** OS users that may log in (e.g. ec2-user). */
  osUsers: string[];
  /** Public-key lines always authorised (the key pairs whose private halves are in Parameter Store). */
  authorizedKeys: string[];
  /** Base32 TOTP secret: when set, a keyboard-interactive TOTP step follows the public key. */
  totpSecret?: string;
  /** Seed of the stable host key (see keyMaterial.ts). */
  hostKeySeed: string;
}

export interface SshHostHandle {
  instanceId: string;
  host: '127.0.0.1';
  port: number;
  hostPublicKey: string;
  hostKeyFingerprint: string;
}

export interface SshHostFleet {
  readonly backend: 'embedded' | 'openssh';
  hosts: SshHostHandle[];
  hostFor(instanceId: string): SshHostHandle | undefined;
  logins(): SshLoginRecord[];
  onDidLogin(listener: (record: SshLoginRecord) => void): void;
  close(): Promise<void>;
}
