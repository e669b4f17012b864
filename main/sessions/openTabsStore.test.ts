import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenTabsStore } from './openTabsStore';
import type { SavedTab } from '../../common/api/sessions';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fumidai-tabs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tab = (n: number): SavedTab => ({ ssoSessionId: 'acme', instanceId: `i-0${n}aaaaaaaaaaaaaaa`.slice(0, 19), accountId: '111111111111', region: 'ap-northeast-1', roleName: 'Admin', name: `web-${n}`, accountName: 'acme-prod', environment: 'production' });

describe('OpenTabsStore', () => {
  it('keeps the open tabs across instances of the store, in a 0600 file', async () => {
    const a = OpenTabsStore.inDirectory(dir);
    expect(await a.get()).toEqual([]);
    await a.set([tab(1), tab(2)]);
    const b = OpenTabsStore.inDirectory(dir);
    expect(await b.get()).toEqual([tab(1), tab(2)]);
    expect(statSync(join(dir, 'open-tabs.json')).mode & 0o777).toBe(0o600);
    await b.set([]);
    expect(await OpenTabsStore.inDirectory(dir).get()).toEqual([]);
  });

  it('sets aside a file it cannot read, and never restores what fails validation', async () => {
    writeFileSync(join(dir, 'open-tabs.json'), JSON.stringify({ version: 1, tabs: [{ ...tab(1), instanceId: '../../etc' }] }));
    const logs: string[] = [];
    const s = OpenTabsStore.inDirectory(dir, (m) => logs.push(m));
    expect(await s.get()).toEqual([]);
    expect(logs[0]).toMatch(/could not be read/);
    expect(readdirSync(dir).some((n) => n.startsWith('open-tabs.json.invalid-'))).toBe(true);
    await s.set([tab(3)]);
    expect(JSON.parse(readFileSync(join(dir, 'open-tabs.json'), 'utf8')).tabs).toEqual([tab(3)]);
  });
});
