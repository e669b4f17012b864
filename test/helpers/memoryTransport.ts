// Connects a renderer-side client to a main-side Dispatcher in memory, with structuredClone on
// every hop so tests catch payloads that would not survive real IPC.
import type { ClientTransport } from '../../common/api/transport';
import type { Dispatcher } from '../../main/ipc/dispatcher';

export function connectInMemory(dispatcher: Dispatcher, peerId = 'peer-1'): ClientTransport & { disconnect(): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  dispatcher.addPeer({
    id: peerId,
    send(channel, payload) {
      const copy = structuredClone(payload);
      queueMicrotask(() => listeners.get(channel)?.forEach((l) => l(copy)));
    },
  });
  return {
    async invoke(channel, payload) {
      return structuredClone(await dispatcher.handleInvoke(peerId, channel, structuredClone(payload)));
    },
    send(channel, payload) {
      dispatcher.handleSend(peerId, channel, structuredClone(payload));
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    disconnect() {
      dispatcher.removePeer(peerId);
    },
  };
}
