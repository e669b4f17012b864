import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonStateFile } from './jsonStateFile';

const Schema = z.object({ hooks: z.record(z.string(), z.string()) });

describe('readJsonStateFile', () => {
  it('reads a valid file, and treats a missing one as nothing yet (no log)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-state-'));
    const logs: string[] = [];
    expect(await readJsonStateFile(join(dir, 'none.json'), Schema, (m) => logs.push(m), 'starts empty')).toBeUndefined();
    writeFileSync(join(dir, 'ok.json'), '{"hooks":{"production":"https://hooks.example/x"}}');
    expect(await readJsonStateFile(join(dir, 'ok.json'), Schema, (m) => logs.push(m), 'starts empty')).toEqual({ hooks: { production: 'https://hooks.example/x' } });
    expect(logs).toEqual([]);
  });

  it.each([
    ['broken JSON', '{"hooks": {'],
    ['the wrong shape', '{"hooks": []}'],
  ])('moves a file with %s aside, keeping its bytes, and says so', async (_what, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'fumidai-state-'));
    const file = join(dir, 'webhooks.json');
    writeFileSync(file, content);
    const logs: string[] = [];
    expect(await readJsonStateFile(file, Schema, (m) => logs.push(m), 'team webhooks are off')).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    const aside = readdirSync(dir).find((f) => f.startsWith('webhooks.json.invalid-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(content);
    expect(logs).toEqual([expect.stringMatching(/webhooks\.json could not be read \(.+\); it was moved to .*webhooks\.json\.invalid-\d+ and team webhooks are off\.$/)]);
  });
});
