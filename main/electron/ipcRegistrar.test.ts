import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineDomain, invoke, stream } from '../../common/api/contract';
import { Dispatcher } from '../ipc/dispatcher';
import { registerIpc } from './ipcRegistrar';
import { APP_ORIGIN } from './security';

vi.mock('electron', () => ({}));

const demo = defineDomain('demo', {
  echo: invoke({ request: z.object({ text: z.string() }), response: z.string() }),
  pipe: stream({ request: z.object({}), meta: z.object({}) }),
});

function setup() {
  const echo = vi.fn(({ text }: { text: string }) => text);
  const dispatcher = new Dispatcher().implement(demo, {
    echo,
    pipe: async () => ({ meta: {}, source: { onData() {}, onEnd() {}, write() {}, pause() {}, resume() {}, close() {} } }),
  });
  const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const ipcMain = {
    handle: vi.fn((ch: string, h: (event: unknown, payload: unknown) => unknown) => handlers.set(ch, h)),
    on: vi.fn((ch: string, h: (event: unknown, payload: unknown) => unknown) => handlers.set(ch, h)),
  };
  const logs: string[] = [];
  registerIpc(ipcMain as never, dispatcher, (id) => id === 7, (m) => logs.push(m));
  const event = (frame: { url: string; parent: unknown } | null, senderId = 7) => ({ senderFrame: frame, sender: { id: senderId } });
  return { handlers, echo, logs, event, ipcMain };
}

describe('registerIpc (#17)', () => {
  it('registers exactly the contract’s channels', () => {
    const { ipcMain } = setup();
    expect(ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual(['demo:echo', 'demo:pipe']);
    expect(ipcMain.on.mock.calls.map((c) => c[0]).sort()).toEqual(['demo:pipe:ack', 'demo:pipe:close', 'demo:pipe:write']);
  });

  it('handles a valid call from our window’s main frame', async () => {
    const { handlers, event } = setup();
    expect(await handlers.get('demo:echo')!(event({ url: `${APP_ORIGIN}/index.html`, parent: null }), { text: 'hi' })).toEqual({ ok: true, value: 'hi' });
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/', parent: null }, 7],
    ['a sub-frame', { url: `${APP_ORIGIN}/index.html`, parent: {} }, 7],
    ['a destroyed frame', null, 7],
    ['a webContents we did not create', { url: `${APP_ORIGIN}/index.html`, parent: null }, 8],
  ])('refuses %s and runs no handler', async (_name, frame, sender) => {
    const { handlers, event, echo, logs } = setup();
    const res = await handlers.get('demo:echo')!(event(frame as never, sender as number), { text: 'hi' });
    expect(res).toMatchObject({ ok: false, code: 'Forbidden' });
    expect(echo).not.toHaveBeenCalled();
    expect(logs.join()).toContain('refused demo:echo');
  });

  it('lets the dispatcher reject an invalid payload before the handler', async () => {
    const { handlers, event, echo } = setup();
    const res = await handlers.get('demo:echo')!(event({ url: `${APP_ORIGIN}/`, parent: null }), { text: 42 });
    expect(res).toMatchObject({ ok: false, code: 'InvalidRequest' });
    expect(echo).not.toHaveBeenCalled();
  });
});
