// An in-memory FumidaiClient for component tests and UI work without a main process (Teleport
// Connect's MockMainProcessClient idea). It is not a stub: calls go through the real
// createClient() over a transport that behaves like main's Dispatcher — requests are validated
// with the contract's zod schemas (a component sending a bad payload gets InvalidRequest, as in
// production), responses and events are validated too (a bad fixture becomes an Internal error naming
// the broken field instead of reaching the component), thrown
// FumidaiErrors become error values, and every hop is structured-cloned like real IPC.
//
//   const mock = createMockClient({ handlers: { accounts: { list: async () => fixture } } });
//   render(<App client={mock.client} />);
//   mock.emit(settingsDomain, 'onDidChange', { ...DEFAULT_SETTINGS, language: 'ja' });
import type { z } from 'zod';
import { createClient } from '../../../common/api/client';
import { DOMAINS, FumidaiError, toErrorValue, err, type FumidaiClient } from '../../../common/api';
import {
  channelOf,
  streamChannels,
  StreamAckSchema,
  StreamCloseSchema,
  StreamWriteSchema,
  type ByteSource,
  type Domain,
  type DomainHandlers,
  type EventKeys,
  type EventPayload,
  type StreamEnd,
} from '../../../common/api/contract';
import type { ClientTransport } from '../../../common/api/transport';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../../common/api/settings';
import type { AppInfo } from '../../../common/api/app';
import { LaunchAtLoginStateSchema, type LaunchAtLoginState } from '../../../common/api/desktop';

type Domains = typeof DOMAINS;
type AnyHandler = (request: unknown, ctx: { peerId: string }) => unknown;

/** Per-domain handler overrides, typed from the contract. */
export type MockHandlers = { [D in Domains[number] as D['name']]?: Partial<DomainHandlers<D>> };

export interface MockClientOptions {
  handlers?: MockHandlers;
  /** Initial settings for the built-in settings handlers. */
  settings?: Partial<Settings>;
  /** Overrides for the built-in app.getInfo answer. */
  appInfo?: Partial<AppInfo>;
  /** What the built-in desktop handlers start from: the OS's login item, on and off in memory. */
  launchAtLogin?: LaunchAtLoginState;
}

export interface MockCall {
  channel: string;
  payload: unknown;
}

export interface MockFumidai {
  readonly client: FumidaiClient;
  /** Every invoke and send the client made, in order (after validation). */
  readonly calls: readonly MockCall[];
  /** URLs the UI asked app.openExternal to open. */
  readonly openedLinks: readonly string[];
  /** Current state of the built-in settings store. */
  readonly settings: Settings;
  /** Pushes an event to the client's subscribers (validated against the contract). */
  emit<D extends Domain, K extends EventKeys<D['members']>>(domain: D, member: K, payload: EventPayload<D, K>): void;
  /** Replaces one handler at run time (e.g. to make the next call fail). */
  handle<D extends Domains[number], K extends keyof DomainHandlers<D>>(domain: D, member: K, handler: DomainHandlers<D>[K]): void;
  /** Streams the UI has open, with what it wrote and acknowledged. */
  readonly streams: ReadonlyMap<string, { written: Uint8Array[]; acked: number; closed: boolean }>;
}

export function createMockClient(options: MockClientOptions = {}): MockFumidai {
  const calls: MockCall[] = [];
  const openedLinks: string[] = [];
  let settings: Settings = SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...options.settings });
  let launchAtLogin: LaunchAtLoginState = LaunchAtLoginStateSchema.parse(options.launchAtLogin ?? { supported: true, enabled: false });
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const handlers = new Map<string, AnyHandler>();
  const streams = new Map<string, { source: ByteSource; endChannel: string; written: Uint8Array[]; acked: number; closed: boolean }>();
  let nextStream = 1;

  const push = (channel: string, payload: unknown) => {
    const copy = structuredClone(payload);
    queueMicrotask(() => listeners.get(channel)?.forEach((l) => l(copy)));
  };

  const emit = <D extends Domain, K extends EventKeys<D['members']>>(domain: D, member: K, payload: EventPayload<D, K>) => {
    const m = domain.members[member as string];
    if (m?.kind !== 'event') throw new Error(`${domain.name}.${String(member)} is not an event`);
    push(channelOf(domain, member as string), m.payload.parse(payload));
  };

  // Built-in behaviour for the domains every screen touches; everything else answers NotSupported
  // until a test provides a handler, so a forgotten fixture is visible rather than silently empty.
  const builtIns: Record<string, AnyHandler> = {
    'app:getInfo': () => ({ name: 'Fumidai', version: '0.0.0-test', platform: 'linux', host: 'browser', osLocale: 'en-US', ...options.appInfo }),
    'app:openExternal': (req) => {
      openedLinks.push((req as { url: string }).url);
      return { opened: true };
    },
    'settings:get': () => settings,
    'settings:update': (patch) => {
      const p = patch as Partial<Settings>;
      settings = SettingsSchema.parse({ ...settings, ...p, terminal: { ...settings.terminal, ...p.terminal }, sshKeys: { ...settings.sshKeys, ...p.sshKeys } });
      push('settings:onDidChange', settings);
      return settings;
    },
    // Launch at login as the core answers it: a supported login item turns on and off; an
    // unsupported one refuses with NotSupported and keeps its reason.
    'desktop:getLaunchAtLogin': () => launchAtLogin,
    'desktop:setLaunchAtLogin': (req) => {
      if (!launchAtLogin.supported) throw new FumidaiError('NotSupported', `Launch at login is not available here (${launchAtLogin.reason ?? 'platform'}).`);
      launchAtLogin = { supported: true, enabled: (req as { enabled: boolean }).enabled };
      return launchAtLogin;
    },
  };
  for (const [channel, fn] of Object.entries(builtIns)) handlers.set(channel, fn);
  for (const domain of DOMAINS as readonly Domain[]) {
    const overrides = (options.handlers as Record<string, Record<string, AnyHandler> | undefined> | undefined)?.[domain.name];
    for (const [name, fn] of Object.entries(overrides ?? {})) handlers.set(channelOf(domain, name), fn);
  }

  const routes = new Map<string, { domain: Domain; member: string }>();
  const sendRoutes = new Map<string, { kind: 'write' | 'ack' | 'close' }>();
  for (const domain of DOMAINS as readonly Domain[]) {
    for (const [name, member] of Object.entries(domain.members)) {
      if (member.kind === 'event') continue;
      routes.set(channelOf(domain, name), { domain, member: name });
      if (member.kind === 'stream') {
        const ch = streamChannels(domain, name);
        sendRoutes.set(ch.write, { kind: 'write' });
        sendRoutes.set(ch.ack, { kind: 'ack' });
        sendRoutes.set(ch.close, { kind: 'close' });
      }
    }
  }

  async function invoke(channel: string, payload: unknown): Promise<unknown> {
    const route = routes.get(channel);
    if (!route) return err('InvalidRequest', `Unknown channel ${channel}`);
    const member = route.domain.members[route.member]!;
    if (member.kind === 'event') return err('InvalidRequest', `${channel} is an event`);
    const parsed = member.request.safeParse(payload);
    if (!parsed.success) return err('InvalidRequest', `Invalid request for ${channel}: ${(parsed.error as z.ZodError).issues[0]?.message}`);
    calls.push({ channel, payload: parsed.data });
    const handler = handlers.get(channel);
    try {
      if (!handler) throw new FumidaiError('NotSupported', `The mock client has no handler for ${channel}; pass one in createMockClient({ handlers }).`);
      const value = await handler(parsed.data, { peerId: 'mock' });
      if (member.kind === 'invoke') return { ok: true, value: parseFixture(member.response, value, channel) };
      const { meta, source } = value as { meta: unknown; source: ByteSource };
      const id = `s${nextStream++}`;
      const ch = streamChannels(route.domain, route.member);
      const entry = { source, endChannel: ch.end, written: [] as Uint8Array[], acked: 0, closed: false };
      streams.set(id, entry);
      source.onData((chunk) => {
        if (!entry.closed) push(ch.data, { streamId: id, chunk });
      });
      source.onEnd((end: StreamEnd) => {
        if (entry.closed) return;
        entry.closed = true;
        push(ch.end, { streamId: id, end });
      });
      return { ok: true, value: { streamId: id, meta: parseFixture(member.meta, meta, channel) } };
    } catch (e) {
      return toErrorValue(e);
    }
  }

  function send(channel: string, payload: unknown): void {
    const route = sendRoutes.get(channel);
    const schema = route?.kind === 'write' ? StreamWriteSchema : route?.kind === 'ack' ? StreamAckSchema : StreamCloseSchema;
    const parsed = route ? schema.safeParse(payload) : undefined;
    if (!route || !parsed?.success) throw new Error(`The UI sent an invalid message on ${channel}`);
    calls.push({ channel, payload: parsed.data });
    const data = parsed.data as { streamId: string; data?: Uint8Array; bytes?: number };
    const entry = streams.get(data.streamId);
    if (!entry || entry.closed) return;
    if (route.kind === 'write') entry.written.push(data.data!);
    else if (route.kind === 'ack') entry.acked += data.bytes!;
    else {
      entry.closed = true;
      entry.source.close();
      push(entry.endChannel, { streamId: data.streamId, end: { reason: 'closed' } });
    }
  }

  const transport: ClientTransport = {
    invoke: async (channel, payload) => structuredClone(await invoke(channel, structuredClone(payload))),
    send: (channel, payload) => send(channel, structuredClone(payload)),
    on(channel, listener) {
      const set = listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!;
      set.add(listener);
      return () => set.delete(listener);
    },
  };

  return {
    client: createClient(DOMAINS, transport),
    calls,
    openedLinks,
    get settings() {
      return settings;
    },
    emit,
    handle(domain, member, handler) {
      handlers.set(channelOf(domain, member as string), handler as unknown as AnyHandler);
    },
    streams,
  };
}

function parseFixture(schema: z.ZodType, value: unknown, channel: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`Mock handler for ${channel} returned a value that breaks the contract: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
