import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingHistory } from './recordingHistory';
import { encodeEvent, encodeHeader } from './asciicast';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fumidai-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NAME = '20261122T090507Z_i-0abc_alice-0123.cast';
const fumidai = { identity: 'alice', accountId: '111111111111', accountName: 'acme-prod', roleName: 'Admin', instanceId: 'i-0abc', instanceName: 'prod-web-1', region: 'ap-northeast-1', reason: 'INC-1', awsSessionId: 'alice-0123', startedAt: '2026-11-22T09:05:07.000Z', endedAt: '2026-11-22T09:06:00.000Z', exitCode: 2 };

function write(name: string, events: number, header: object = { version: 2, width: 100, height: 30, duration: 53, fumidai }) {
  const lines = [encodeHeader(header as never), '\n', ...Array.from({ length: events }, (_, i) => encodeEvent(i / 10, 'o', `line ${i}\r\n`))];
  writeFileSync(join(dir, name), lines.join(''), { mode: 0o600 });
}

describe('RecordingHistory', () => {
  it('lists entries with who, where, why, when and how they ended', async () => {
    write(NAME, 3);
    write('20261121T000000Z_i-0abc_bob-1.cast', 1, { version: 2, width: 80, height: 24, fumidai: { ...fumidai, endedAt: undefined, exitCode: undefined, identity: 'bob' } });
    writeFileSync(join(dir, '20261120T000000Z_i-0abc_broken.cast'), 'garbage');
    const list = await new RecordingHistory({ dir }).list();
    expect(list.map((e) => e.name)).toEqual([NAME, '20261121T000000Z_i-0abc_bob-1.cast', '20261120T000000Z_i-0abc_broken.cast']);
    expect(list[0]).toMatchObject({ identity: 'alice', accountName: 'acme-prod', roleName: 'Admin', instanceName: 'prod-web-1', reason: 'INC-1', exitCode: 2, complete: true, startedAt: Date.UTC(2026, 10, 22, 9, 5, 7), endedAt: Date.UTC(2026, 10, 22, 9, 6), width: 100, durationSeconds: 53 });
    expect(list[1]).toMatchObject({ identity: 'bob', complete: false });
    expect(list[2]).toMatchObject({ complete: false, problem: expect.stringContaining('not valid JSON'), startedAt: Date.UTC(2026, 10, 20) });
    expect(await new RecordingHistory({ dir: join(dir, 'missing') }).list()).toEqual([]);
  });

  it('lists the ends Fumidai words itself as codes, and drops codes it does not know', async () => {
    const { exitCode: _exit, ...noExit } = fumidai;
    write(NAME, 1, { version: 2, width: 80, height: 24, fumidai: { ...noExit, endReason: 'Fumidai quit', endCode: 'quit' } });
    write('20261121T000000Z_i-0abc_bob-1.cast', 1, { version: 2, width: 80, height: 24, fumidai: { ...noExit, endReason: 'Something new.', endCode: 'from-a-newer-version' } });
    const [quit, newer] = await new RecordingHistory({ dir }).list();
    expect(quit).toMatchObject({ endCode: 'quit', endReason: 'Fumidai quit' });
    expect(newer!.endCode).toBeUndefined();
    expect(newer!.endReason).toBe('Something new.');
  });

  it('reads a recording in chunks and refuses names that could leave the directory', async () => {
    write(NAME, 12);
    const h = new RecordingHistory({ dir });
    const first = await h.read(NAME, 0, 5);
    expect(first.events.map((e) => e[2])).toEqual(['line 0\r\n', 'line 1\r\n', 'line 2\r\n', 'line 3\r\n', 'line 4\r\n']);
    expect(first).toMatchObject({ totalEvents: 12, nextEvent: 5, entry: { name: NAME, exitCode: 2 } });
    const last = await h.read(NAME, 10, 5);
    expect(last.events).toHaveLength(2);
    expect(last.nextEvent).toBeUndefined();
    for (const bad of ['../x.cast', `../${NAME}`, '/etc/passwd', `${NAME}/..`, 'x'.repeat(300)]) {
      await expect(h.read(bad)).rejects.toMatchObject({ code: 'InvalidRequest' });
    }
    await expect(h.read('20261122T090507Z_i-0abc_nobody.cast')).rejects.toMatchObject({ code: 'NotFound' });
    // A directory (or anything but a file) with a recording's name is not read.
    mkdirSync(join(dir, '20261122T090508Z_i-0abc_dir.cast'));
    await expect(h.read('20261122T090508Z_i-0abc_dir.cast')).rejects.toThrow(/not a regular file/);
  });

  it('deletes recordings past the retention', async () => {
    write(NAME, 1);
    write('20250101T000000Z_i-0abc_old.cast', 1);
    const h = new RecordingHistory({ dir, now: () => Date.UTC(2026, 10, 23) });
    expect(await h.applyRetention(90)).toBe(1);
    expect((await h.list()).map((e) => e.name)).toEqual([NAME]);
  });
});
