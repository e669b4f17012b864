// Every IPC channel of the contract, derived from DOMAINS (so a channel added tomorrow is covered
// without touching this file): a payload that violates the channel's schema is answered with
// InvalidRequest and no handler runs; a call from a foreign origin, a sub-frame, a destroyed frame
// or a webContents we did not create is refused before validation, and no handler runs either.
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { DOMAINS } from '../../common/api';
import { channelOf, type Domain } from '../../common/api/contract';
import { Dispatcher } from '../ipc/dispatcher';
import { registerIpc } from './ipcRegistrar';
import { APP_ORIGIN } from './security';

vi.mock('electron', () => ({}));

type Handler = (event: unknown, payload: unknown) => unknown;
const OUR_WINDOW = 7;

/** Payloads a compromised renderer might send; every request schema must refuse at least one. */
const HOSTILE: unknown[] = [
  { unexpected: '<img src=x onerror=alert(1)>' },
  42,
  'x'.repeat(100_000),
  null,
  [],
  true,
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
  {},
];

/** A valid request for each stream member (needed to open a stream before testing its send channels). */
const VALID_STREAM_REQUESTS: Record<string, unknown> = {
  'sessions:openShell': { ssoSessionId: 'corp', accountId: '123456789012', roleName: 'ReadOnly', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0', cols: 80, rows: 24 },
  'sessions:openSsh': { ssoSessionId: 'corp', accountId: '123456789012', roleName: 'ReadOnly', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0', via: 'bastion', cols: 80, rows: 24 },
};

function setup() {
  const calls: string[] = [];
  const source = { write: vi.fn(), close: vi.fn(), pause: vi.fn(), resume: vi.fn(), onData: vi.fn(), onEnd: vi.fn() };
  const dispatcher = new Dispatcher();
  for (const domain of DOMAINS as readonly Domain[]) {
    const handlers: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(domain.members)) {
      if (member.kind === 'event') continue;
      const channel = channelOf(domain, name);
      handlers[name] = member.kind === 'stream' ? async () => (calls.push(channel), { meta: {}, source }) : async () => (calls.push(channel), undefined);
    }
    dispatcher.implement(domain, handlers as never);
  }
  // Stream metas are validated on the way out; the spies return {} so give the meta schema a pass.
  for (const domain of DOMAINS as readonly Domain[]) for (const m of Object.values(domain.members)) if (m.kind === 'stream') vi.spyOn(m.meta as z.ZodType, 'parse').mockImplementation((v: unknown) => v);
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (ch: string, h: Handler) => handlers.set(ch, h), on: (ch: string, h: Handler) => handlers.set(ch, h) };
  const logs: string[] = [];
  registerIpc(ipcMain as never, dispatcher, (id) => id === OUR_WINDOW, (m) => logs.push(m));
  dispatcher.addPeer({ id: `wc-${OUR_WINDOW}`, send: () => {} });
  return { dispatcher, handlers, calls, source, logs };
}

const trusted = { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null }, sender: { id: OUR_WINDOW } };
const UNTRUSTED: Array<[string, unknown]> = [
  ['a foreign origin', { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: OUR_WINDOW } }],
  ['a file:// page', { senderFrame: { url: 'file:///tmp/x.html', parent: null }, sender: { id: OUR_WINDOW } }],
  ['a look-alike origin', { senderFrame: { url: 'app://fumidai.evil/', parent: null }, sender: { id: OUR_WINDOW } }],
  ['a sub-frame of our page', { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: {} }, sender: { id: OUR_WINDOW } }],
  ['a destroyed frame', { senderFrame: null, sender: { id: OUR_WINDOW } }],
  ['a webContents we did not create', { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null }, sender: { id: 99 } }],
];

const members = (DOMAINS as readonly Domain[]).flatMap((d) => Object.entries(d.members).map(([name, member]) => ({ channel: channelOf(d, name), member })));
const requestChannels = members.filter((m) => m.member.kind !== 'event') as Array<{ channel: string; member: { kind: 'invoke' | 'stream'; request: z.ZodType } }>;

describe('every IPC channel of the contract', () => {
  it('registers exactly the contract’s request channels (and the send channels of its streams)', () => {
    const { handlers } = setup();
    const streams = requestChannels.filter((m) => m.member.kind === 'stream').flatMap((m) => [`${m.channel}:write`, `${m.channel}:ack`, `${m.channel}:close`]);
    expect([...handlers.keys()].sort()).toEqual([...requestChannels.map((m) => m.channel), ...streams].sort());
    expect(requestChannels.length).toBeGreaterThan(25);
  });

  it.each(requestChannels.map((m) => [m.channel, m.member] as const))('%s: a schema-violating payload is refused and no handler runs', async (channel, member) => {
    const { handlers, calls } = setup();
    const violating = HOSTILE.filter((p) => !member.request.safeParse(p).success);
    // A channel that accepts every hostile payload has no real schema: that is itself a failure.
    expect(violating.length, `${channel} accepts every hostile payload`).toBeGreaterThan(0);
    for (const payload of violating) {
      expect(await handlers.get(channel)!(trusted, payload)).toMatchObject({ ok: false, code: 'InvalidRequest' });
    }
    expect(calls).toEqual([]);
  });

  it.each(requestChannels.map((m) => [m.channel] as const))('%s: a call from a foreign or unknown sender is refused before anything else', async (channel) => {
    const { handlers, calls, logs } = setup();
    for (const [, event] of UNTRUSTED) {
      for (const payload of [undefined, {}, ...HOSTILE.slice(0, 2), VALID_STREAM_REQUESTS[channel]]) {
        expect(await handlers.get(channel)!(event, payload)).toMatchObject({ ok: false, code: 'Forbidden' });
      }
    }
    expect(calls).toEqual([]);
    expect(logs.filter((l) => l === `refused ${channel} from an untrusted sender`)).toHaveLength(UNTRUSTED.length * 5);
  });

  const streamChannels = requestChannels.filter((m) => m.member.kind === 'stream');
  it('knows a valid request for every stream member (add one when the contract gains a stream)', () => {
    expect(Object.keys(VALID_STREAM_REQUESTS).sort()).toEqual(streamChannels.map((m) => m.channel).sort());
    for (const m of streamChannels) expect(m.member.request.safeParse(VALID_STREAM_REQUESTS[m.channel]).success).toBe(true);
  });

  it.each(streamChannels.map((m) => [m.channel] as const))('%s: write/ack/close refuse invalid payloads and foreign senders; the open stream is untouched', async (channel) => {
    const { handlers, source, logs } = setup();
    const opened = (await handlers.get(channel)!(trusted, VALID_STREAM_REQUESTS[channel])) as { ok: true; value: { streamId: string } };
    expect(opened).toMatchObject({ ok: true });
    const streamId = opened.value.streamId;
    const invalid: Record<string, unknown[]> = {
      write: [{ streamId, data: 'rm -rf /\r' }, { streamId, data: new Uint8Array((1 << 20) + 1) }, { streamId: '../s1', data: new Uint8Array(1) }, null],
      ack: [{ streamId, bytes: -1 }, { streamId, bytes: 2 ** 40 }, { streamId, bytes: 1.5 }, { streamId }, 'x'],
      close: [{ streamId: 42 }, {}, [streamId], null],
    };
    const valid: Record<string, unknown> = { write: { streamId, data: new Uint8Array([65]) }, ack: { streamId, bytes: 1 }, close: { streamId } };
    for (const kind of ['write', 'ack', 'close']) {
      for (const payload of invalid[kind]!) handlers.get(`${channel}:${kind}`)!(trusted, payload);
      for (const [, event] of UNTRUSTED) handlers.get(`${channel}:${kind}`)!(event, valid[kind]);
    }
    expect(source.write).not.toHaveBeenCalled();
    expect(source.close).not.toHaveBeenCalled();
    expect(logs.filter((l) => l.startsWith('dropped'))).toHaveLength(UNTRUSTED.length * 3);
    // The same stream does take valid messages from its own window: the refusals above were not luck.
    handlers.get(`${channel}:write`)!(trusted, valid.write);
    handlers.get(`${channel}:close`)!(trusted, valid.close);
    expect(source.write).toHaveBeenCalledTimes(1);
    expect(source.close).toHaveBeenCalledTimes(1);
  });
});
