import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingFile, listRecordings, pruneRecordings, readRecording, recordingFileName, recordingPath, sanitizeNamePart } from './recordingFiles';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fumidai-rec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('recording files', () => {
  it('names files from time, instance and session, with nothing that can escape the directory', () => {
    expect(recordingFileName(Date.UTC(2026, 10, 22, 9, 5, 7), 'i-0abc', 'alice-0123')).toBe('20261122T090507Z_i-0abc_alice-0123.cast');
    expect(sanitizeNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(sanitizeNamePart('..')).toBe('unnamed');
    expect(sanitizeNamePart('a/b\\c\0d')).toBe('a-b-c-d');
    expect(() => recordingPath(dir, '../20261122T090507Z_i_s.cast')).toThrow('is not a recording name');
    expect(() => recordingPath(dir, '/etc/passwd')).toThrow('is not a recording name');
    expect(recordingPath(dir, '20261122T090507Z_i_s.cast')).toBe(join(dir, '20261122T090507Z_i_s.cast'));
  });

  it('creates files 0600 in a 0700 directory and never reuses or follows an existing path', async () => {
    const sub = join(dir, 'recordings');
    const { path, handle } = await createRecordingFile(sub, '20261122T090507Z_i_s.cast');
    await handle.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(sub).mode & 0o777).toBe(0o700);
    await expect(createRecordingFile(sub, '20261122T090507Z_i_s.cast')).rejects.toThrow(/EEXIST/);
    symlinkSync(join(dir, 'target'), join(sub, '20261122T090508Z_i_s.cast'));
    await expect(createRecordingFile(sub, '20261122T090508Z_i_s.cast')).rejects.toThrow();
    expect(existsSync(join(dir, 'target'))).toBe(false);
  });

  it('lists headers, reads with line numbers, and applies retention by age and count', async () => {
    const header = (t: number) => JSON.stringify({ version: 2, width: 80, height: 24, timestamp: t });
    const names = ['20260101T000000Z_i-1_a.cast', '20261120T000000Z_i-1_b.cast', '20261121T000000Z_i-1_c.cast', '20261122T000000Z_i-1_d.cast'];
    names.forEach((n, i) => writeFileSync(join(dir, n), `${header(i)}\n[0.1, "o", "x"]\nbroken\n`));
    writeFileSync(join(dir, '20261122T000001Z_i-1_e.cast'), 'garbage');
    writeFileSync(join(dir, 'notes.txt'), 'not a recording');
    const list = await listRecordings(dir);
    expect(list.map((r) => r.name)).toEqual(['20261122T000001Z_i-1_e.cast', ...[...names].reverse()]);
    expect(list[0]!.problem).toMatch(/not valid JSON/);
    expect(list[1]!.header?.timestamp).toBe(3);
    const read = await readRecording(dir, names[3]!);
    expect(read.ok && read.recording.problems).toEqual([{ line: 3, message: 'not valid JSON' }]);
    await expect(readRecording(dir, '../x.cast')).rejects.toThrow('is not a recording name');

    const now = Date.UTC(2026, 10, 22, 12);
    expect(await pruneRecordings(dir, { maxAgeDays: 30 }, now)).toEqual(['20260101T000000Z_i-1_a.cast']);
    expect((await pruneRecordings(dir, { maxCount: 2 }, now)).sort()).toEqual(['20261120T000000Z_i-1_b.cast', '20261121T000000Z_i-1_c.cast']);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
    expect((await listRecordings(dir)).length).toBe(2);
  });
});
