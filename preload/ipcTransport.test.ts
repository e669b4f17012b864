import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineDomain, event, invoke, stream } from '../common/api/contract';
import { ChannelNotInContractError, contractChannels, createIpcTransport } from './ipcTransport';

vi.mock('electron', () => ({}));

const demo = defineDomain('demo', {
  echo: invoke({ request: z.string(), response: z.string() }),
  onDidPing: event(z.object({})),
  pipe: stream({ request: z.object({}), meta: z.object({}) }),
});

function setup() {
  const ipc = { invoke: vi.fn(async () => 'reply'), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
  return { ipc, transport: createIpcTransport(ipc as never, contractChannels([demo])) };
}

describe('contractChannels', () => {
  it('sorts every contract channel by direction', () => {
    const c = contractChannels([demo]);
    expect([...c.invoke].sort()).toEqual(['demo:echo', 'demo:pipe']);
    expect([...c.send].sort()).toEqual(['demo:pipe:ack', 'demo:pipe:close', 'demo:pipe:write']);
    expect([...c.listen].sort()).toEqual(['demo:onDidPing', 'demo:pipe:data', 'demo:pipe:end']);
  });
});

describe('createIpcTransport (#20)', () => {
  it('passes contract channels through to ipcRenderer', async () => {
    const { ipc, transport } = setup();
    expect(await transport.invoke('demo:echo', 'hi')).toBe('reply');
    transport.send('demo:pipe:ack', { streamId: 's1', bytes: 10 });
    expect(ipc.invoke).toHaveBeenCalledWith('demo:echo', 'hi');
    expect(ipc.send).toHaveBeenCalledWith('demo:pipe:ack', { streamId: 's1', bytes: 10 });
  });

  it.each([
    ['invoke', 'demo:other'],
    ['invoke', 'demo:pipe:write'],
    ['send', 'demo:echo'],
    ['send', 'ELECTRON_BROWSER_REQUIRE'],
    ['on', 'demo:echo'],
    ['on', 'some-internal-channel'],
  ] as const)('refuses %s on %s and never touches ipcRenderer', (method, channel) => {
    const { ipc, transport } = setup();
    const call = () => (method === 'on' ? transport.on(channel, () => {}) : transport[method](channel, {}));
    expect(call).toThrow(ChannelNotInContractError);
    expect(call).toThrow(channel);
    expect(ipc.invoke).not.toHaveBeenCalled();
    expect(ipc.send).not.toHaveBeenCalled();
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const { ipc, transport } = setup();
    const listener = vi.fn();
    const off = transport.on('demo:onDidPing', listener);
    const wrapped = ipc.on.mock.calls[0]![1] as (e: unknown, p: unknown) => void;
    wrapped({ sender: 'ipcRenderer itself' }, { n: 1 });
    expect(listener).toHaveBeenCalledWith({ n: 1 });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith('demo:onDidPing', wrapped);
  });
});
