// The main-side half of the contract, shared by every transport (Electron IPC, browser-mode
// WebSocket, in-memory tests). It is the single place where payloads are validated: a request that
// does not match its channel's zod schema is answered with InvalidRequest and no handler runs.
import type { z } from 'zod';
import type { CallContext, Domain, DomainHandlers, EventKeys, EventPayload, ByteSource, StreamEnd } from '../../common/api/contract';
import { channelOf, streamChannels, StreamAckSchema, StreamCloseSchema, StreamWriteSchema } from '../../common/api/contract';
import { err, toErrorValue, type Result } from '../../common/api/errors';
import type { Peer } from '../../common/api/transport';
import { FlowController } from '../../common/api/flowControl';
import { ChunkCoalescer } from './chunkCoalescer';

type InvokeRoute = { kind: 'invoke'; request: z.ZodType; response: z.ZodType; handler: (req: unknown, ctx: CallContext) => unknown };
type StreamRoute = {
  kind: 'stream';
  request: z.ZodType;
  meta: z.ZodType;
  handler: (req: unknown, ctx: CallContext) => Promise<{ meta: unknown; source: ByteSource }>;
  channels: ReturnType<typeof streamChannels>;
};
type SendRoute = { kind: 'write' | 'ack' | 'close'; streamMember: string };

interface OpenStream {
  id: string;
  endChannel: string;
  peerId: string;
  source: ByteSource;
  flow: FlowController;
  frames?: ChunkCoalescer;
  closed: boolean;
}

export interface DispatcherOptions {
  /** Logs rejected calls (never payloads: they may carry secrets). */
  log?: (message: string) => void;
}

export class Dispatcher {
  private readonly invokeRoutes = new Map<string, InvokeRoute | StreamRoute>();
  private readonly sendRoutes = new Map<string, SendRoute & { route: StreamRoute }>();
  private readonly eventChannels = new Map<string, z.ZodType>();
  private readonly peers = new Map<string, Peer>();
  private readonly streams = new Map<string, OpenStream>();
  private nextStreamId = 1;

  constructor(private readonly options: DispatcherOptions = {}) {}

  /** Registers the implementation of one domain. Every non-event member must be implemented. */
  implement<D extends Domain>(domain: D, handlers: DomainHandlers<D>): this {
    const impl = handlers as Record<string, unknown>;
    for (const [name, member] of Object.entries(domain.members)) {
      const channel = channelOf(domain, name);
      if (member.kind === 'event') {
        this.eventChannels.set(channel, member.payload);
        continue;
      }
      const handler = impl[name];
      if (typeof handler !== 'function') throw new Error(`${channel} has no handler`);
      if (this.invokeRoutes.has(channel)) throw new Error(`${channel} registered twice`);
      if (member.kind === 'invoke') {
        this.invokeRoutes.set(channel, { kind: 'invoke', request: member.request, response: member.response, handler: handler as InvokeRoute['handler'] });
      } else {
        const channels = streamChannels(domain, name);
        const route: StreamRoute = { kind: 'stream', request: member.request, meta: member.meta, handler: handler as StreamRoute['handler'], channels };
        this.invokeRoutes.set(channel, route);
        this.sendRoutes.set(channels.write, { kind: 'write', streamMember: channel, route });
        this.sendRoutes.set(channels.ack, { kind: 'ack', streamMember: channel, route });
        this.sendRoutes.set(channels.close, { kind: 'close', streamMember: channel, route });
      }
    }
    return this;
  }

  /** Channels a transport should accept invokes on (the Electron registrar registers exactly these). */
  get invokeChannels(): string[] {
    return [...this.invokeRoutes.keys()];
  }

  get sendChannels(): string[] {
    return [...this.sendRoutes.keys()];
  }

  addPeer(peer: Peer): void {
    this.peers.set(peer.id, peer);
  }

  /** A window closed or a socket dropped: its streams are closed so producers stop. */
  removePeer(peerId: string): void {
    this.peers.delete(peerId);
    for (const s of [...this.streams.values()]) {
      if (s.peerId === peerId) this.closeStream(s, { reason: 'closed' }, false);
    }
  }

  async handleInvoke(peerId: string, channel: string, payload: unknown): Promise<Result<unknown>> {
    const route = this.invokeRoutes.get(channel);
    if (!route) return this.reject(channel, err('InvalidRequest', `Unknown channel ${channel}`));
    const parsed = route.request.safeParse(payload);
    if (!parsed.success) {
      return this.reject(channel, err('InvalidRequest', `Invalid request for ${channel}: ${summarize(parsed.error)}`));
    }
    const ctx: CallContext = { peerId };
    try {
      if (route.kind === 'invoke') {
        const value = await route.handler(parsed.data, ctx);
        return { ok: true, value: route.response.parse(value) };
      }
      return await this.openStream(route, parsed.data, ctx);
    } catch (e) {
      return toErrorValue(e);
    }
  }

  handleSend(peerId: string, channel: string, payload: unknown): void {
    const route = this.sendRoutes.get(channel);
    if (!route) {
      this.options.log?.(`rejected send on unknown channel ${channel}`);
      return;
    }
    const schema = route.kind === 'write' ? StreamWriteSchema : route.kind === 'ack' ? StreamAckSchema : StreamCloseSchema;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      this.options.log?.(`rejected invalid payload on ${channel}: ${summarize(parsed.error)}`);
      return;
    }
    const stream = this.streams.get(parsed.data.streamId);
    // A peer may only touch its own streams.
    if (!stream || stream.peerId !== peerId || stream.closed) return;
    if (route.kind === 'write') stream.source.write((parsed.data as z.infer<typeof StreamWriteSchema>).data);
    else if (route.kind === 'ack') stream.flow.acknowledged((parsed.data as z.infer<typeof StreamAckSchema>).bytes);
    else this.closeStream(stream, { reason: 'closed' }, true);
  }

  /** Pushes an event to every connected renderer, after validating it against the contract. */
  emit<D extends Domain, K extends EventKeys<D['members']>>(domain: D, member: K, payload: EventPayload<D, K>): void {
    const channel = channelOf(domain, member as string);
    const schema = this.eventChannels.get(channel);
    if (!schema) throw new Error(`${channel} is not a registered event`);
    const value = schema.parse(payload);
    for (const peer of this.peers.values()) peer.send(channel, value);
  }

  get openStreamCount(): number {
    return this.streams.size;
  }

  private async openStream(route: StreamRoute, request: unknown, ctx: CallContext): Promise<Result<unknown>> {
    const peer = this.peers.get(ctx.peerId);
    if (!peer) return err('Forbidden', 'Unknown peer');
    const { meta, source } = await route.handler(request, ctx);
    const id = `s${this.nextStreamId++}`;
    const stream: OpenStream = { id, endChannel: route.channels.end, peerId: ctx.peerId, source, flow: new FlowController(source), closed: false };
    this.streams.set(id, stream);
    // Counted when produced (so the flood pauses at the watermark), sent in batches.
    const frames = new ChunkCoalescer((chunk) => {
      if (!stream.closed) peer.send(route.channels.data, { streamId: id, chunk });
    });
    stream.frames = frames;
    source.onData((chunk) => {
      if (stream.closed) return;
      frames.push(chunk);
      stream.flow.sent(chunk.byteLength);
    });
    source.onEnd((end) => {
      if (stream.closed) return;
      frames.flush();
      stream.closed = true;
      this.streams.delete(id);
      peer.send(route.channels.end, { streamId: id, end });
    });
    return { ok: true, value: { streamId: id, meta: route.meta.parse(meta) } };
  }

  private closeStream(stream: OpenStream, end: StreamEnd, notify: boolean): void {
    if (stream.closed) return;
    stream.closed = true;
    stream.frames?.discard();
    this.streams.delete(stream.id);
    try {
      stream.source.close();
    } finally {
      if (notify) this.peers.get(stream.peerId)?.send(stream.endChannel, { streamId: stream.id, end });
    }
  }

  private reject<T>(channel: string, value: T): T {
    this.options.log?.(`rejected call on ${channel}`);
    return value;
  }
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
}
