import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTOSTART_FILE, autostartDir, autostartEntry, setLinuxAutostart } from './linuxAutostart';

describe('linux autostart', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'autostart-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('uses XDG_CONFIG_HOME when absolute, else ~/.config', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/autostart');
    expect(autostartDir({}, '/home/u')).toBe('/home/u/.config/autostart');
  });

  it('quotes an executable path with spaces and escapes specials', () => {
    expect(autostartEntry('/opt/Fumidai/fumidai', ['--hidden'])).toContain('Exec=/opt/Fumidai/fumidai --hidden\n');
    expect(autostartEntry('/home/u/My Apps/Fumidai.AppImage')).toContain('Exec="/home/u/My Apps/Fumidai.AppImage"\n');
    // Quoting backslashes are doubled for the string level: \\$ in the file is \$ to the quoting, $ to the program.
    expect(autostartEntry('/home/u/My Apps/Fumi$"dai%.AppImage')).toContain('Exec="/home/u/My Apps/Fumi\\\\$\\\\"dai%%.AppImage"\n');
    // TryExec is a plain string: the path as it is, only the spec's backslash escapes.
    expect(autostartEntry('/home/u/My Apps/Fumidai.AppImage')).toContain('\nTryExec=/home/u/My Apps/Fumidai.AppImage\n');
    expect(autostartEntry('/home/u/odd\\dir/fumidai')).toContain('\nTryExec=/home/u/odd\\\\dir/fumidai\n');
  });

  it('writes the entry (creating the directory) and removes it again', async () => {
    const dir = join(root, 'autostart');
    await setLinuxAutostart(true, '/opt/Fumidai/fumidai', dir);
    const text = await readFile(join(dir, AUTOSTART_FILE), 'utf8');
    expect(text.startsWith('[Desktop Entry]\nType=Application\nName=Fumidai\n')).toBe(true);
    expect((await stat(join(dir, AUTOSTART_FILE))).mode & 0o777).toBe(0o644);
    await setLinuxAutostart(false, '/opt/Fumidai/fumidai', dir);
    await expect(stat(join(dir, AUTOSTART_FILE))).rejects.toThrow();
    await expect(setLinuxAutostart(false, '/opt/Fumidai/fumidai', dir)).resolves.toBeUndefined();
  });
});
