import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../common/event';
import { SmuxCmd, SmuxFrameParser, encodeFlag, encodeSmuxFrame, PayloadFlag } from '../protocol';
import { SmuxClientSession, STREAM_WINDOW } from './smuxSession';
import { portPayloadSize, LARGE_PORT_PAYLOAD_SIZE } from './payloadSize';

function transport() {
  const drain = new Emitter<void>();
  const sent: Buffer[] = [];
  const t = { writable: true, send: (p: Buffer) => void sent.push(p), onDidDrain: drain.event };
  return { t, sent, drain, frames: () => new SmuxFrameParser().push(Buffer.concat(sent)) };
}

describe('smux client session', () => {
  it('opens odd streams from 3 with SYN before data and FIN last, in messages no larger than the payload size', () => {
    const { t, sent, frames } = transport();
    const session = new SmuxClientSession(t, 1024);
    const a = session.openStream();
    const b = session.openStream();
    expect([a.id, b.id]).toEqual([3, 5]);
    a.write(Buffer.alloc(3000, 1));
    b.write(Buffer.from('hi'));
    a.end();
    expect(sent.every((p) => p.length <= 1024)).toBe(true);
    const f = frames();
    expect(f.filter((x) => x.streamId === 3).map((x) => x.cmd)).toEqual([SmuxCmd.Syn, SmuxCmd.Psh, SmuxCmd.Psh, SmuxCmd.Psh, SmuxCmd.Fin]);
    expect(Buffer.concat(f.filter((x) => x.streamId === 3 && x.cmd === SmuxCmd.Psh).map((x) => x.data)).equals(Buffer.alloc(3000, 1))).toBe(true);
    expect(f.filter((x) => x.streamId === 5).map((x) => x.cmd)).toEqual([SmuxCmd.Syn, SmuxCmd.Psh]);
  });

  it('waits for the channel, shares it round-robin, and pauses a stream past its 64 KiB window', () => {
    const { t, sent, drain, frames } = transport();
    t.writable = false;
    const session = new SmuxClientSession(t, 16 * 1024);
    const big = session.openStream();
    const small = session.openStream();
    expect(big.write(Buffer.alloc(STREAM_WINDOW + 1))).toBe(false);
    expect(small.write(Buffer.from('x'))).toBe(true);
    expect(sent).toHaveLength(0);
    let resumed = 0;
    big.onDidDrain(() => (resumed += 1));
    t.writable = true;
    drain.fire();
    // The small stream's data goes out after one frame of the big one (messages: both SYNs, one big frame, then the small data), not after 64 KiB.
    const first = new SmuxFrameParser().push(Buffer.concat(sent.slice(0, 3)));
    expect(first.some((x) => x.streamId === small.id && x.cmd === SmuxCmd.Psh)).toBe(true);
    expect(resumed).toBe(1);
    expect(frames().filter((x) => x.streamId === big.id && x.cmd === SmuxCmd.Psh).reduce((n, x) => n + x.data.length, 0)).toBe(STREAM_WINDOW + 1);
  });

  it('routes PSH and FIN from the agent by stream, refuses agent-opened streams, and fails on a corrupt stream', () => {
    const { t, sent } = transport();
    const session = new SmuxClientSession(t, 1024);
    const s = session.openStream();
    const got: string[] = [];
    let closed = false;
    s.onDidData((d) => got.push(d.toString()));
    s.onDidRemoteClose(() => (closed = true));
    const wire = Buffer.concat([encodeSmuxFrame(SmuxCmd.Psh, 3, Buffer.from('hello ')), encodeSmuxFrame(SmuxCmd.Psh, 3, Buffer.from('world')), encodeSmuxFrame(SmuxCmd.Fin, 3)]);
    // Frame boundaries do not follow message boundaries.
    for (let i = 0; i < wire.length; i += 5) session.receive(wire.subarray(i, i + 5));
    expect(got.join('')).toBe('hello world');
    expect(closed).toBe(true);
    sent.length = 0;
    session.receive(encodeSmuxFrame(SmuxCmd.Syn, 2));
    expect(new SmuxFrameParser().push(sent[0]!)).toEqual([{ cmd: SmuxCmd.Fin, streamId: 2, data: Buffer.alloc(0) }]);
    let failure = '';
    session.onDidFail((why) => (failure = why));
    session.receive(Buffer.from([2, 0, 0, 0, 3, 0, 0, 0]));
    expect(failure).toMatch(/smux version 2/);
    expect(encodeFlag(PayloadFlag.ConnectToPortError).readUInt32BE(0)).toBe(3);
  });
});

describe('port payload size', () => {
  it('is 1024 bytes like the plugin, and 16 KiB for agents of the 3.3 line and newer', () => {
    expect(portPayloadSize(undefined)).toBe(1024);
    expect(portPayloadSize('3.0.196.0')).toBe(1024);
    expect(portPayloadSize('3.2.2222.0')).toBe(1024);
    expect(portPayloadSize('3.3.0.0')).toBe(LARGE_PORT_PAYLOAD_SIZE);
    expect(portPayloadSize('3.3.40.0')).toBe(16 * 1024);
    expect(portPayloadSize('garbage')).toBe(1024);
  });
});
