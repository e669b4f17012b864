import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Emitter } from '../../../common/event';
import type { ChannelEnd, ChannelState, DataChannelClient } from '../../ssm/client/dataChannelClient';
import { ShellSession } from '../../ssm/client/shellSession';
import { parseAsciicast } from './asciicast';
import { readRecording } from './recordingFiles';
import { SessionRecorder } from './sessionRecorder';

function fakeShell() {
  const receive = new Emitter<{ payloadType: number; payload: Buffer }>();
  const end = new Emitter<ChannelEnd>();
  const state = new Emitter<ChannelState>();
  const channel = { onDidReceive: receive.event, onDidEnd: end.event, onDidChangeState: state.event, onDidCompleteHandshake: new Emitter<string>().event, send: () => {}, setReceiving: () => {}, close: () => {} } as unknown as DataChannelClient;
  return { shell: new ShellSession(channel), output: (b: Buffer) => receive.fire({ payloadType: 1, payload: b }), end: (e: ChannelEnd) => end.fire(e) };
}

const metadata = { identity: 'alice@example.com', accountId: '111122223333', roleName: 'Admin', instanceId: 'i-0123456789abcdef0', instanceName: 'web-1 本番', region: 'eu-west-1', reason: 'INC-42', awsSessionId: 'alice-0001' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fumidai-rec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SessionRecorder', () => {
  it('records output (split UTF-8 included) and resizes, and stamps end and exit code into the header', async () => {
    const f = fakeShell();
    f.shell.resize(100, 30);
    const rec = await SessionRecorder.start(f.shell, { dir, metadata });
    f.output(Buffer.from('héllo '));
    const snow = Buffer.from('☃\r\n');
    f.output(snow.subarray(0, 1));
    f.output(snow.subarray(1));
    f.shell.resize(132, 43);
    f.shell.write('secret password\r');
    f.end({ reason: 'closed', exitCode: 3 });
    await rec.close();
    expect(statSync(rec.path).mode & 0o777).toBe(0o600);
    const parsed = parseAsciicast(readFileSync(rec.path, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { header, events, complete } = parsed.recording;
    expect(header).toMatchObject({ version: 2, width: 100, height: 30, title: 'web-1 本番 (Admin@111122223333)', env: { TERM: 'xterm-256color' } });
    expect(header.fumidai).toMatchObject({ ...metadata, exitCode: 3 });
    expect(header.fumidai!.endedAt).toBeDefined();
    expect(complete).toBe(true);
    expect(events.filter((e) => e[1] === 'o').map((e) => e[2]).join('')).toBe('héllo ☃\r\n');
    expect(events.filter((e) => e[1] === 'r').map((e) => e[2])).toEqual(['132x43']);
    // Keystrokes are not recorded unless asked for.
    expect(readFileSync(rec.path, 'utf8')).not.toContain('secret');
  });

  it('records input when asked, stops at the size limit with a marker, and a cut-off file still reads', async () => {
    const f = fakeShell();
    const rec = await SessionRecorder.start(f.shell, { dir, metadata: { ...metadata, awsSessionId: '../../evil' }, recordInput: true, maxBytes: 2000 });
    expect(rec.path.startsWith(dir)).toBe(true);
    f.shell.write('ls\r');
    for (let i = 0; i < 50; i++) f.output(Buffer.from('x'.repeat(100)));
    await rec.close({ reason: 'terminated' });
    const name = rec.path.slice(dir.length + 1);
    const read = await readRecording(dir, name);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.recording.events[0]).toEqual([expect.any(Number), 'i', 'ls\r']);
    expect(read.recording.events.at(-1)?.[2]).toBe('recording stopped: size limit reached');
    expect(read.recording.header.fumidai?.endReason).toBe('terminated');
    expect(read.recording.header.fumidai?.endCode).toBeUndefined();
    // A file whose header was never stamped (the app died) parses, marked incomplete.
    const f2 = fakeShell();
    const rec2 = await SessionRecorder.start(f2.shell, { dir, metadata: { ...metadata, awsSessionId: 'crash' } });
    f2.output(Buffer.from('before crash'));
    await new Promise((r) => setTimeout(r, 400));
    const partial = parseAsciicast(readFileSync(rec2.path, 'utf8'));
    expect(partial.ok && partial.recording.complete).toBe(false);
    expect(partial.ok && partial.recording.events.map((e) => e[2])).toEqual(['before crash']);
    await rec2.close();
  });

  it('stamps an end Fumidai words itself as a code beside its English', async () => {
    const f = fakeShell();
    const rec = await SessionRecorder.start(f.shell, { dir, metadata });
    f.end({ reason: 'closed', output: 'The session ended while the connection was down.', code: 'ended-while-disconnected' });
    await rec.close();
    const parsed = parseAsciicast(readFileSync(rec.path, 'utf8'));
    expect(parsed.ok && parsed.recording.header.fumidai).toMatchObject({ endReason: 'The session ended while the connection was down.', endCode: 'ended-while-disconnected' });
  });
});
