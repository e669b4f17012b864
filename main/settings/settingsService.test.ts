import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, statSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsService } from './settingsService';
import { DEFAULT_SETTINGS, SettingsPatchSchema } from '../../common/api/settings';
import { ENVIRONMENTS } from '../../common/environments';

const dirs: string[] = [];
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'fumidai-settings-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('SettingsService', () => {
  it('stores a checked update feed without its trailing slash, and refuses one that is not https', async () => {
    const s = SettingsService.inDirectory(tempDir());
    await s.load();
    expect(s.get().updates).toEqual({ automatic: true, feedUrl: '' });
    expect((await s.update({ updates: { feedUrl: ' https://mirror.example.com/fumidai/ ' } })).updates).toEqual({ automatic: true, feedUrl: 'https://mirror.example.com/fumidai' });
    expect((await s.update({ updates: { automatic: false } })).updates).toEqual({ automatic: false, feedUrl: 'https://mirror.example.com/fumidai' });
    const bad = SettingsPatchSchema.safeParse({ updates: { feedUrl: 'http://mirror.example.com/fumidai' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('The update feed must use https:// (plain http:// only for a server on this computer).');
    expect(SettingsPatchSchema.safeParse({ updates: { feedUrl: '' } }).success).toBe(true);
  });

  it('starts from defaults when there is no file', async () => {
    const s = SettingsService.inDirectory(tempDir());
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
    expect(s.loadProblem).toBeUndefined();
  });

  it('persists updates atomically with mode 0600 and notifies listeners', async () => {
    const dir = tempDir();
    const s = SettingsService.inDirectory(dir);
    await s.load();
    const seen: string[] = [];
    s.onDidChange((v) => seen.push(v.language));
    await s.update({ language: 'ja', terminal: { fontSize: 15 } });
    const file = join(dir, 'settings.json');
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.language).toBe('ja');
    expect(onDisk.terminal).toEqual({ fontSize: 15, clipboardWrite: false, scrollback: DEFAULT_SETTINGS.terminal.scrollback });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['settings.json']); // no temp files left behind
    expect(seen).toEqual(['ja']);
    const again = SettingsService.inDirectory(dir);
    expect((await again.load()).terminal.fontSize).toBe(15);
  });

  it('keeps an unreadable file aside instead of overwriting it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ "language": "ja", ');
    const s = new SettingsService(join(dir, 'settings.json'), () => 42);
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
    expect(s.loadProblem?.kind).toBe('unreadable-json');
    expect(readFileSync(join(dir, 'settings.json.corrupt-42'), 'utf8')).toBe('{ "language": "ja", ');
  });

  it('keeps valid fields and reports invalid ones', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'ja', theme: 'purple', terminal: { fontSize: 99 } }));
    const s = SettingsService.inDirectory(dir);
    const loaded = await s.load();
    expect(loaded.language).toBe('ja');
    expect(loaded.theme).toBe('system');
    expect(s.loadProblem?.message).toContain('theme');
    expect(s.loadProblem?.message).toContain('terminal');
  });

  it('serialises concurrent updates so the last one wins on disk', async () => {
    const dir = tempDir();
    const s = SettingsService.inDirectory(dir);
    await s.load();
    await Promise.all([s.update({ theme: 'dark' }), s.update({ theme: 'light' }), s.update({ language: 'en' })]);
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk).toMatchObject({ theme: 'light', language: 'en' });
  });

  it('records production by default and merges recording changes per environment', async () => {
    const s = SettingsService.inDirectory(tempDir());
    await s.load();
    const off = Object.fromEntries(ENVIRONMENTS.map((e) => [e, false]));
    expect(s.get().recording).toEqual({ environments: { ...off, production: true }, retentionDays: 90 });
    await s.update({ recording: { environments: { staging: true } } });
    await s.update({ recording: { retentionDays: 30 } });
    expect(s.get().recording).toEqual({ environments: { ...off, production: true, staging: true }, retentionDays: 30 });
    expect(SettingsPatchSchema.safeParse({ recording: { retentionDays: 0 } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ recording: { environments: { qa: true } } }).success).toBe(false);
  });
});
