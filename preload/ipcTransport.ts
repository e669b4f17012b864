// The preload's side of Electron IPC, kept apart from index.ts so it can be tested without a
// renderer. Checklist #20: the page never touches ipcRenderer; it gets the contract's named
// functions, and this transport refuses any channel the contract does not declare, per direction
// (a page cannot `send` on an invoke channel or listen on a request channel).
import type { IpcRenderer } from 'electron';
import { channelOf, streamChannels, type Domain } from '../common/api/contract';
import type { ClientTransport } from '../common/api/transport';

export interface ContractChannels {
  /** Request/response channels (invoke members and stream opens). */
  readonly invoke: ReadonlySet<string>;
  /** Fire-and-forget channels (stream writes, acks, closes). */
  readonly send: ReadonlySet<string>;
  /** Channels main pushes on (events, stream data and ends). */
  readonly listen: ReadonlySet<string>;
}

export function contractChannels(domains: readonly Domain[]): ContractChannels {
  const invoke = new Set<string>();
  const send = new Set<string>();
  const listen = new Set<string>();
  for (const domain of domains) {
    for (const [name, member] of Object.entries(domain.members)) {
      if (member.kind === 'invoke') invoke.add(channelOf(domain, name));
      else if (member.kind === 'event') listen.add(channelOf(domain, name));
      else {
        const ch = streamChannels(domain, name);
        invoke.add(ch.open);
        send.add(ch.write).add(ch.ack).add(ch.close);
        listen.add(ch.data).add(ch.end);
      }
    }
  }
  return { invoke, send, listen };
}

export class ChannelNotInContractError extends Error {
  constructor(direction: string, channel: string) {
    super(`"${channel}" is not a ${direction} channel of the Fumidai contract`);
    this.name = 'ChannelNotInContractError';
  }
}

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>;

export function createIpcTransport(ipc: IpcRendererLike, channels: ContractChannels): ClientTransport {
  const check = (set: ReadonlySet<string>, direction: string, channel: string) => {
    if (!set.has(channel)) throw new ChannelNotInContractError(direction, channel);
  };
  return {
    invoke(channel, payload) {
      check(channels.invoke, 'request', channel);
      return ipc.invoke(channel, payload);
    },
    send(channel, payload) {
      check(channels.send, 'send', channel);
      ipc.send(channel, payload);
    },
    on(channel, listener) {
      check(channels.listen, 'event', channel);
      // Only the payload crosses into the page: the IpcRendererEvent (with `sender`) never does.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    },
  };
}
