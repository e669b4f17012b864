// The typed contract between the renderer and main. Each domain is declared once as data
// (`defineDomain`) and every side derives from that declaration: the client type the renderer
// sees, the handler type main implements, the channel names, and the zod schemas main validates
// every payload with. Transports (Electron IPC, the browser-mode WebSocket, in-memory for tests)
// only move `{ channel, payload }` pairs; they never know what the members mean.
import { z } from 'zod';
import type { Result } from './errors';

export interface InvokeMember<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly request: Req;
  readonly response: Res;
}

export interface EventMember<Payload extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: Payload;
}

/**
 * A byte stream (terminal output, port-forward traffic) opened by a request. Bytes flow from main
 * to the renderer; the renderer acknowledges bytes it has consumed, and main pauses the producer
 * while more than STREAM_HIGH_WATERMARK bytes are unacknowledged (see flowControl.ts).
 */
export interface StreamMember<Req extends z.ZodType = z.ZodType, Meta extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly request: Req;
  readonly meta: Meta;
}

export type Member = InvokeMember | EventMember | StreamMember;
export type Members = Record<string, Member>;

export interface Domain<Name extends string = string, M extends Members = Members> {
  readonly name: Name;
  readonly members: M;
}

export function invoke<Req extends z.ZodType, Res extends z.ZodType>(spec: { request: Req; response: Res }): InvokeMember<Req, Res> {
  return { kind: 'invoke', ...spec };
}

export function event<Payload extends z.ZodType>(payload: Payload): EventMember<Payload> {
  return { kind: 'event', payload };
}

export function stream<Req extends z.ZodType, Meta extends z.ZodType>(spec: { request: Req; meta: Meta }): StreamMember<Req, Meta> {
  return { kind: 'stream', ...spec };
}

/** Member names: camelCase, events start with `onDid`/`onWill` (VS Code's convention). */
const MEMBER_NAME = /^[a-z][A-Za-z0-9]*$/;
const DOMAIN_NAME = /^[a-z][a-zA-Z0-9]*$/;

export function defineDomain<Name extends string, M extends Members>(name: Name, members: M): Domain<Name, M> {
  if (!DOMAIN_NAME.test(name)) throw new Error(`Bad domain name ${name}`);
  for (const [key, member] of Object.entries(members)) {
    if (!MEMBER_NAME.test(key)) throw new Error(`Bad member name ${name}.${key}`);
    const isEventName = /^on(Did|Will)[A-Z]/.test(key);
    if ((member.kind === 'event') !== isEventName) {
      throw new Error(`${name}.${key}: events and only events are named onDidX / onWillX`);
    }
  }
  return { name, members };
}

// ---- channel names -------------------------------------------------------------------------

/** `settings:update` — the one channel of an invoke member or an event. */
export function channelOf(domain: Domain, member: string): string {
  return `${domain.name}:${member}`;
}

/** The sub-channels a stream member uses on top of its open channel. */
export function streamChannels(domain: Domain, member: string) {
  const base = channelOf(domain, member);
  return {
    open: base,
    data: `${base}:data`,
    end: `${base}:end`,
    write: `${base}:write`,
    ack: `${base}:ack`,
    close: `${base}:close`,
  } as const;
}

// ---- stream payloads (shared by every transport) -----------------------------------------------

export const StreamIdSchema = z.string().regex(/^s[0-9]{1,12}$/);

export const StreamWriteSchema = z.object({
  streamId: StreamIdSchema,
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= 1 << 20, 'at most 1 MiB per write'),
});
export const StreamAckSchema = z.object({ streamId: StreamIdSchema, bytes: z.number().int().positive().max(1 << 30) });
export const StreamCloseSchema = z.object({ streamId: StreamIdSchema });

export const StreamEndSchema = z.object({
  /** 'exit' the remote side ended normally; 'error' it failed; 'closed' the client closed it. */
  reason: z.enum(['exit', 'error', 'closed']),
  exitCode: z.number().int().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type StreamEnd = z.infer<typeof StreamEndSchema>;

export interface StreamDataMessage {
  streamId: string;
  chunk: Uint8Array;
}
export interface StreamEndMessage {
  streamId: string;
  end: StreamEnd;
}

// ---- derived client types (what the renderer sees) ---------------------------------------------

export type Unsubscribe = () => void;

export interface StreamSink {
  onData(chunk: Uint8Array): void;
  onEnd(end: StreamEnd): void;
}

export interface StreamHandle {
  readonly streamId: string;
  write(data: Uint8Array | string): void;
  /** Report bytes the consumer has processed (e.g. after xterm's write callback). */
  ack(bytes: number): void;
  close(): void;
}

type RequestArgs<Req extends z.ZodType> = undefined extends z.input<Req> ? [request?: z.input<Req>] : [request: z.input<Req>];

export type ClientMember<M> =
  M extends InvokeMember<infer Req, infer Res>
    ? (...args: RequestArgs<Req>) => Promise<Result<z.output<Res>>>
    : M extends EventMember<infer P>
      ? (listener: (payload: z.output<P>) => void) => Unsubscribe
      : M extends StreamMember<infer Req, infer Meta>
        ? (request: z.input<Req>, sink: StreamSink) => Promise<Result<{ meta: z.output<Meta>; handle: StreamHandle }>>
        : never;

export type DomainClient<D extends Domain> = { [K in keyof D['members']]: ClientMember<D['members'][K]> };

// ---- derived handler types (what main implements) ----------------------------------------------

/** Who is calling: one window (Electron) or one browser-mode connection. */
export interface CallContext {
  readonly peerId: string;
}

/** Main-side view of one open stream: the producer the flow controller pauses and resumes. */
export interface ByteSource {
  onData(listener: (chunk: Uint8Array) => void): void;
  onEnd(listener: (end: StreamEnd) => void): void;
  write(data: Uint8Array): void;
  pause(): void;
  resume(): void;
  close(): void;
}

export type HandlerMember<M> =
  M extends InvokeMember<infer Req, infer Res>
    ? (request: z.output<Req>, ctx: CallContext) => Promise<z.input<Res>> | z.input<Res>
    : M extends StreamMember<infer Req, infer Meta>
      ? (request: z.output<Req>, ctx: CallContext) => Promise<{ meta: z.input<Meta>; source: ByteSource }>
      : never;

type NonEventKeys<M extends Members> = { [K in keyof M]: M[K] extends EventMember ? never : K }[keyof M];
type EventKeys<M extends Members> = { [K in keyof M]: M[K] extends EventMember ? K : never }[keyof M];

export type DomainHandlers<D extends Domain> = { [K in NonEventKeys<D['members']>]: HandlerMember<D['members'][K]> };

export type EventPayload<D extends Domain, K extends EventKeys<D['members']>> =
  D['members'][K] extends EventMember<infer P> ? z.input<P> : never;
export type { EventKeys };
