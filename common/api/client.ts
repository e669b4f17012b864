// Builds the renderer-facing client (`window.fumidai`) from the domain declarations and a
// transport. The result is a plain object of named functions per domain — nothing raw is exposed.
import type { Domain, DomainClient, StreamEnd, StreamSink, StreamHandle, StreamDataMessage, StreamEndMessage } from './contract';
import { channelOf, streamChannels } from './contract';
import type { ClientTransport } from './transport';
import { err, type Result } from './errors';

export type ClientOf<Ds extends readonly Domain[]> = { [D in Ds[number] as D['name']]: DomainClient<D> };

const encoder = new TextEncoder();

export function createClient<const Ds extends readonly Domain[]>(domains: Ds, transport: ClientTransport): ClientOf<Ds> {
  const client: Record<string, Record<string, unknown>> = {};
  for (const domain of domains) {
    const api: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(domain.members)) {
      if (member.kind === 'invoke') {
        api[name] = (request?: unknown) => safeInvoke(transport, channelOf(domain, name), request);
      } else if (member.kind === 'event') {
        api[name] = (listener: (payload: unknown) => void) => transport.on(channelOf(domain, name), listener);
      } else {
        api[name] = (request: unknown, sink: StreamSink) => openStream(transport, domain, name, request, sink);
      }
    }
    client[domain.name] = api;
  }
  return client as ClientOf<Ds>;
}

async function safeInvoke(transport: ClientTransport, channel: string, request: unknown): Promise<Result<unknown>> {
  try {
    return (await transport.invoke(channel, request)) as Result<unknown>;
  } catch (e) {
    // A transport failure (window reloading, socket gone) is still a value, never a throw.
    return err('Network', e instanceof Error ? e.message : String(e));
  }
}

async function openStream(
  transport: ClientTransport,
  domain: Domain,
  member: string,
  request: unknown,
  sink: StreamSink,
): Promise<Result<{ meta: unknown; handle: StreamHandle }>> {
  const ch = streamChannels(domain, member);
  // Subscribe before opening so no early byte is missed; buffer until we know our stream id.
  let streamId: string | undefined = undefined;
  const early: Array<{ kind: 'data'; msg: StreamDataMessage } | { kind: 'end'; msg: StreamEndMessage }> = [];
  let ended = false;
  const finish = (end: StreamEnd) => {
    if (ended) return;
    ended = true;
    offData();
    offEnd();
    sink.onEnd(end);
  };
  const offData = transport.on(ch.data, (p) => {
    const msg = p as StreamDataMessage;
    if (streamId === undefined) early.push({ kind: 'data', msg });
    else if (msg.streamId === streamId && !ended) sink.onData(msg.chunk);
  });
  const offEnd = transport.on(ch.end, (p) => {
    const msg = p as StreamEndMessage;
    if (streamId === undefined) early.push({ kind: 'end', msg });
    else if (msg.streamId === streamId) finish(msg.end);
  });

  const result = (await safeInvoke(transport, ch.open, request)) as Result<{ streamId: string; meta: unknown }>;
  if (!result.ok) {
    offData();
    offEnd();
    return result;
  }
  const id = result.value.streamId;
  streamId = id;
  for (const e of early) {
    if (e.msg.streamId !== id) continue;
    if (e.kind === 'data') sink.onData(e.msg.chunk);
    else finish(e.msg.end);
  }
  early.length = 0;

  const handle: StreamHandle = {
    streamId: id,
    write: (data) => {
      if (ended) return;
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      transport.send(ch.write, { streamId: id, data: bytes });
    },
    ack: (bytes) => {
      if (!ended && bytes > 0) transport.send(ch.ack, { streamId: id, bytes });
    },
    close: () => {
      if (!ended) transport.send(ch.close, { streamId: id });
    },
  };
  return { ok: true, value: { meta: result.value.meta, handle } };
}
