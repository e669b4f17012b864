// The preload: exposes the contract's named functions as `window.fumidai` (#20: never raw
// ipcRenderer). Every channel it will use is derived from the contract; anything else is refused.
import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../common/api/client';
import { DOMAINS } from '../common/api';
import { channelOf, streamChannels } from '../common/api/contract';
import type { ClientTransport } from '../common/api/transport';

const allowed = new Set<string>();
for (const domain of DOMAINS) {
  for (const [name, member] of Object.entries(domain.members)) {
    if (member.kind === 'stream') for (const ch of Object.values(streamChannels(domain, name))) allowed.add(ch);
    else allowed.add(channelOf(domain, name));
  }
}

function check(channel: string): void {
  if (!allowed.has(channel)) throw new Error(`Channel ${channel} is not part of the contract`);
}

const transport: ClientTransport = {
  invoke(channel, payload) {
    check(channel);
    return ipcRenderer.invoke(channel, payload);
  },
  send(channel, payload) {
    check(channel);
    ipcRenderer.send(channel, payload);
  },
  on(channel, listener) {
    check(channel);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('fumidai', createClient(DOMAINS, transport));
