// The key vault: loads a key for a hop from the source the rules choose, keeps it in memory with
// an expiry, reuses it while it lives, and wipes it (zero-fills the bytes) on expiry, sign-out,
// lock, quit, or when the user forgets it. Nothing here writes to disk or logs key material; the
// log gets the source, the fingerprint and the host, which are public.
import { FumidaiError } from '../../../common/api/errors';
import { Emitter } from '../../../common/event';
import type { KeyInfo, KeysSnapshot, WipeReason } from '../../../common/api/keys';
import type { SshKeySettings } from '../../../common/api/sshKeySettings';
import type { AgentAuthMethod, BaseAgent, ParsedKey } from 'ssh2';
import type { KeyAwsApi } from './awsKeyApi';
import { HeldKey, fingerprintOf } from './heldKey';
import type { KeyInteraction, KeyRequest, KeySourceChoice, KeyVault, LoadedKey, WipedKey } from './keyVault';
import { parameterCandidates, ruleFor, sourceFromRule } from './keyRules';
import { ForwardingAgent, HeldKeyAgent } from './vaultAgent';
import { loadParameterStoreKey } from './sources/parameterStoreKey';
import { loadKeyFile, type KeyFileOptions } from './sources/keyFile';
import { agentSocketFrom, openAgentKey } from './sources/agentKey';

/** How long a host accepts a key pushed with SendSSHPublicKey. */
export const INSTANCE_CONNECT_VALIDITY_MS = 60_000;
/** onDidNearExpiry fires when a key has less than this left (not for 60-second Instance Connect keys). */
export const NEAR_EXPIRY_MS = 5 * 60_000;

export interface KeyVaultDeps {
  aws: KeyAwsApi;
  settings: () => SshKeySettings;
  /** When the SSO sign-in a key was fetched with ends (epoch ms), if known. */
  ssoSessionEnd?: (ssoSessionId: string) => number | undefined;
  env?: NodeJS.ProcessEnv;
  keyFiles?: KeyFileOptions;
  createAgent?: (socket: string) => BaseAgent;
  now?: () => number;
  log?: (message: string) => void;
}

interface Entry {
  info: KeyInfo;
  cacheKey: string;
  agent: BaseAgent;
  held?: HeldKey;
  wiped?: WipeReason;
  warned: boolean;
}

export class KeyVaultService implements KeyVault {
  private readonly entries = new Map<string, Entry>();
  /** Wiped entries (metadata only; their bytes are zeroed), so a late sign request gets the reason. */
  private readonly gone = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  private readonly didLoad = new Emitter<KeyInfo>();
  private readonly didNearExpiry = new Emitter<KeyInfo>();
  private readonly didExpire = new Emitter<KeyInfo>();
  private readonly didWipe = new Emitter<WipedKey>();
  private readonly didChange = new Emitter<KeysSnapshot>();
  readonly onDidLoad = this.didLoad.event;
  readonly onDidNearExpiry = this.didNearExpiry.event;
  readonly onDidExpire = this.didExpire.event;
  readonly onDidWipe = this.didWipe.event;
  readonly onDidChange = this.didChange.event;

  constructor(private readonly deps: KeyVaultDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => {});
  }

  async acquire(request: KeyRequest, interaction?: KeyInteraction): Promise<LoadedKey> {
    this.sweep();
    const settings = this.deps.settings();
    const choice = request.source ?? sourceFromRule(ruleFor(settings, request));
    const cacheKey = cacheKeyOf(request, choice);
    let entry = this.findLive(cacheKey);
    if (entry && choice.kind === 'instance-connect') {
      await this.pushInstanceConnect(entry, request);
    } else if (!entry) {
      let pending = this.loading.get(cacheKey);
      if (!pending) {
        pending = this.load(request, choice, cacheKey, settings, interaction).finally(() => this.loading.delete(cacheKey));
        this.loading.set(cacheKey, pending);
      }
      entry = await pending;
    }
    if (!entry.info.hosts.some((h) => h.instanceId === request.instanceId && h.osUser === request.osUser && h.hop === request.hop)) {
      entry.info.hosts.push(hostOf(request));
      this.changed();
    }
    return this.handleOf(entry);
  }

  list(): KeysSnapshot {
    this.sweep();
    return this.snapshot();
  }

  wipe(id: string, reason: WipeReason): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.wipeEntry(entry, reason);
    this.changed();
    return true;
  }

  wipeAll(reason: WipeReason, filter: { ssoSessionId?: string } = {}): number {
    let count = 0;
    for (const entry of [...this.entries.values()]) {
      if (filter.ssoSessionId !== undefined && entry.info.ssoSessionId !== filter.ssoSessionId) continue;
      this.wipeEntry(entry, reason);
      count++;
    }
    if (count) this.changed();
    return count;
  }

  /** A shorter lifetime in the settings shortens the keys already held, never lengthens them. */
  applyLifetime(): void {
    const lifetime = this.deps.settings().lifetimeMinutes * 60_000;
    let touched = false;
    for (const e of this.entries.values()) {
      if (e.info.source === 'instance-connect') continue;
      const end = e.info.loadedAt + lifetime;
      if (end < e.info.expiresAt) {
        e.info.expiresAt = end;
        touched = true;
      }
    }
    if (touched) {
      this.sweep();
      this.changed();
    }
  }

  /** Expires what is due and warns what is near; runs on a timer and before every read. */
  sweep(): void {
    const now = this.now();
    let expired = false;
    for (const entry of [...this.entries.values()]) {
      if (entry.info.expiresAt <= now) {
        this.didExpire.fire({ ...entry.info });
        this.wipeEntry(entry, 'expired');
        expired = true;
      } else if (!entry.warned && entry.info.source !== 'instance-connect' && entry.info.expiresAt - now <= NEAR_EXPIRY_MS) {
        entry.warned = true;
        this.didNearExpiry.fire({ ...entry.info });
      }
    }
    if (expired) this.changed();
    else this.schedule();
  }

  dispose(): void {
    this.wipeAll('quit');
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private findLive(cacheKey: string): Entry | undefined {
    for (const e of this.entries.values()) if (e.cacheKey === cacheKey && !e.wiped) return e;
    return undefined;
  }

  private async load(request: KeyRequest, choice: KeySourceChoice, cacheKey: string, settings: SshKeySettings, interaction?: KeyInteraction): Promise<Entry> {
    const ctx = { ssoSessionId: request.ssoSessionId, accountId: request.accountId, roleName: request.roleName, region: request.region };
    const loadedAt = this.now();
    const id = `k${this.nextId++}`;
    const unusable = () => this.unusableReason(id);
    let entry: Entry;
    const base = {
      id,
      ssoSessionId: request.ssoSessionId,
      accountId: request.accountId,
      ...(request.accountName ? { accountName: request.accountName } : {}),
      roleName: request.roleName,
      region: request.region,
      environment: request.environment,
      hosts: [hostOf(request)],
      loadedAt,
    };
    switch (choice.kind) {
      case 'parameter-store': {
        const candidates = parameterCandidates(choice.name ?? settings.parameterPath, request);
        if (candidates.length === 0) throw new FumidaiError('InvalidConfig', `The parameter name ${choice.name ?? settings.parameterPath} cannot be filled in for ${request.instanceId}. Check the placeholders in Settings › SSH keys.`);
        const { held, name } = await loadParameterStoreKey(this.deps.aws, ctx, candidates);
        entry = this.entryFor(held, unusable, { ...base, source: 'parameter-store', label: name, expiresAt: this.expiryFor(request, loadedAt, settings) }, cacheKey);
        break;
      }
      case 'file': {
        // ~ is the HOME the app was given (as OpenSSH expands it), not necessarily the passwd entry.
        const home = this.deps.env?.HOME;
        const held = await loadKeyFile(choice.path, interaction, { ...(home ? { home } : {}), ...this.deps.keyFiles });
        entry = this.entryFor(held, unusable, { ...base, source: 'file', label: choice.path, expiresAt: this.expiryFor(request, loadedAt, settings) }, cacheKey);
        break;
      }
      case 'agent': {
        const socket = agentSocketFrom(choice.socket, this.deps.env ?? process.env);
        const opened = await openAgentKey(socket, choice.fingerprint, this.deps.createAgent);
        const first = opened.keys[0]!;
        const only = choice.fingerprint ? (k: ParsedKey) => fingerprintOf(k.getPublicSSH()) === choice.fingerprint : undefined;
        entry = {
          info: {
            ...base,
            source: 'agent',
            fingerprint: fingerprintOf(first.getPublicSSH()),
            algorithm: first.type,
            label: opened.keys.length > 1 ? `SSH agent (${opened.keys.length} keys)` : 'SSH agent',
            expiresAt: this.expiryFor(request, loadedAt, settings),
          },
          cacheKey,
          agent: new ForwardingAgent(opened.agent, unusable, only),
          warned: false,
        };
        break;
      }
      case 'instance-connect': {
        const held = HeldKey.generateEd25519();
        entry = this.entryFor(held, unusable, { ...base, source: 'instance-connect', label: 'EC2 Instance Connect (one connection)', expiresAt: loadedAt + INSTANCE_CONNECT_VALIDITY_MS }, cacheKey);
        try {
          await this.pushInstanceConnect(entry, request);
        } catch (e) {
          held.wipe();
          throw e;
        }
        break;
      }
    }
    this.entries.set(id, entry);
    this.log(`keys: loaded ${entry.info.source} key ${entry.info.fingerprint} for ${request.osUser}@${request.instanceId} (${request.hop}), until ${new Date(entry.info.expiresAt).toISOString()}`);
    this.didLoad.fire({ ...entry.info });
    this.changed();
    return entry;
  }

  private entryFor(held: HeldKey, unusable: () => string | undefined, info: Omit<KeyInfo, 'fingerprint' | 'algorithm'>, cacheKey: string): Entry {
    return { info: { ...info, fingerprint: held.fingerprint, algorithm: held.algorithm }, cacheKey, held, agent: new HeldKeyAgent(held, unusable), warned: false };
  }

  /** Pushes the connection's Instance Connect key to this hop's host; it is valid 60 s from now. */
  private async pushInstanceConnect(entry: Entry, request: KeyRequest): Promise<void> {
    const startedAt = this.now();
    await this.deps.aws.sendSshPublicKey(
      { ssoSessionId: request.ssoSessionId, accountId: request.accountId, roleName: request.roleName, region: request.region },
      { instanceId: request.instanceId, osUser: request.osUser, publicKey: entry.held!.publicKeyOpenSsh, ...(request.availabilityZone ? { availabilityZone: request.availabilityZone } : {}) },
    );
    // Counted from before the request: the host's 60 s may have started while it was in flight.
    entry.info.expiresAt = Math.max(entry.info.expiresAt, startedAt + INSTANCE_CONNECT_VALIDITY_MS);
    this.schedule();
  }

  private expiryFor(request: KeyRequest, loadedAt: number, settings: SshKeySettings): number {
    let end = loadedAt + settings.lifetimeMinutes * 60_000;
    const sso = settings.endWithSsoSession ? this.deps.ssoSessionEnd?.(request.ssoSessionId) : undefined;
    if (sso !== undefined && sso > loadedAt) end = Math.min(end, sso);
    return end;
  }

  private unusableReason(id: string): string | undefined {
    const entry = this.entries.get(id) ?? this.gone.get(id);
    const wiped = entry?.wiped;
    if (entry && !wiped && entry.info.expiresAt > this.now()) return undefined;
    const what = entry ? describe(entry.info) : 'The SSH key';
    if (entry?.info.source === 'instance-connect' && (!wiped || wiped === 'expired')) {
      return `${what} has expired: a host accepts an EC2 Instance Connect key for 60 seconds only. Connect again to push a new one.`;
    }
    if (wiped === 'forgotten') return `${what} was forgotten. Connect again to load it anew.`;
    if (wiped === 'sign-out') return `${what} was wiped at sign-out. Sign in and connect again.`;
    if (wiped === 'lock') return `${what} was wiped when the screen locked. Connect again to load it anew.`;
    if (wiped === 'quit') return `${what} was wiped as Fumidai quit.`;
    return `${what} has expired and was wiped. Connect again to load it anew.`;
  }

  private handleOf(entry: Entry): LoadedKey {
    const id = entry.info.id;
    const reason = () => this.unusableReason(id);
    const sweep = () => this.sweep();
    return {
      get info() {
        return { ...entry.info, hosts: [...entry.info.hosts] };
      },
      agent: entry.agent,
      get usable() {
        return reason() === undefined;
      },
      authMethod(username: string): AgentAuthMethod {
        sweep();
        const why = reason();
        if (why) throw new FumidaiError('KeyExpired', why, { keyId: id, source: entry.info.source });
        return { type: 'agent', username, agent: entry.agent };
      },
    };
  }

  private wipeEntry(entry: Entry, reason: WipeReason): void {
    if (entry.wiped) return;
    entry.wiped = reason;
    entry.held?.wipe();
    this.entries.delete(entry.info.id);
    this.log(`keys: wiped ${entry.info.source} key ${entry.info.fingerprint} (${reason})`);
    // Kept out of the list but answerable: sessions still holding its agent learn why it refuses.
    this.gone.set(entry.info.id, entry);
    if (this.gone.size > 200) this.gone.delete(this.gone.keys().next().value!);
    this.didWipe.fire({ info: { ...entry.info }, reason });
  }

  private snapshot(): KeysSnapshot {
    const keys = [...this.entries.values()].map((e) => ({ ...e.info, hosts: [...e.info.hosts] })).sort((a, b) => a.expiresAt - b.expiresAt);
    return { keys, now: this.now() };
  }

  private changed(): void {
    this.schedule();
    this.didChange.fire(this.snapshot());
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    let next = Infinity;
    for (const e of this.entries.values()) {
      next = Math.min(next, e.info.expiresAt);
      if (!e.warned && e.info.source !== 'instance-connect') next = Math.min(next, e.info.expiresAt - NEAR_EXPIRY_MS);
    }
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(() => this.sweep(), Math.min(Math.max(next - now, 0) + 5, 2 ** 31 - 1));
    this.timer.unref?.();
  }
}

function hostOf(request: KeyRequest): KeyInfo['hosts'][number] {
  return { instanceId: request.instanceId, hop: request.hop, osUser: request.osUser, ...(request.instanceName ? { instanceName: request.instanceName } : {}) };
}

function describe(info: KeyInfo): string {
  const source = { 'parameter-store': `The SSH key from ${info.label}`, 'instance-connect': 'The EC2 Instance Connect key', file: `The SSH key from ${info.label}`, agent: 'The SSH agent entry' }[info.source];
  return `${source} (${info.fingerprint})`;
}

function cacheKeyOf(request: KeyRequest, choice: KeySourceChoice): string {
  const who = [request.ssoSessionId, request.accountId, request.roleName, request.region];
  switch (choice.kind) {
    case 'parameter-store':
      // The role is part of the key: a key read with one role is not handed to a role that may not read it.
      return ['ps', ...who, choice.name ?? `${request.environment}|${request.hop}|${request.instanceId}`].join('\u0000');
    case 'instance-connect':
      return ['ic', ...who, request.connectionId].join('\u0000');
    case 'file':
      return ['file', request.ssoSessionId, choice.path].join('\u0000');
    case 'agent':
      return ['agent', request.ssoSessionId, choice.socket ?? '', choice.fingerprint ?? ''].join('\u0000');
  }
}
