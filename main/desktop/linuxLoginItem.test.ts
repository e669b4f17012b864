import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autostartDir } from '../platform/linuxAutostart';
import { LaunchAtLoginService } from './launchAtLoginService';
import { autostartFileProblem, linuxLoginItem } from './linuxLoginItem';

const asRoot = process.getuid?.() === 0;
/** GLib's launcher: what GNOME-family sessions use to start autostart entries. */
const GIO = '/usr/bin/gio';

describe('linux login item (XDG autostart)', () => {
  let configHome: string;
  let dir: string;
  beforeEach(async () => {
    configHome = await mkdtemp(join(tmpdir(), 'fumidai-xdg-'));
    dir = autostartDir({ XDG_CONFIG_HOME: configHome });
  });
  afterEach(async () => {
    await chmod(configHome, 0o700).catch(() => {});
    await rm(configHome, { recursive: true, force: true });
  });

  it('writes a valid entry into $XDG_CONFIG_HOME/autostart that starts hidden, and removes it again', async () => {
    const service = new LaunchAtLoginService(linuxLoginItem({ executable: '/home/u/Apps/Fumidai 1.2.AppImage', args: ['--hidden'], dir }));
    expect(await service.get()).toEqual({ supported: true, enabled: false });
    expect(await service.set(true)).toEqual({ supported: true, enabled: true });
    const entry = await readFile(join(configHome, 'autostart', 'fumidai.desktop'), 'utf8');
    expect(entry.split('\n')).toEqual(expect.arrayContaining(['[Desktop Entry]', 'Type=Application', 'Name=Fumidai', 'Exec="/home/u/Apps/Fumidai 1.2.AppImage" --hidden']));
    expect(await service.set(false)).toEqual({ supported: true, enabled: false });
    await expect(readFile(join(dir, 'fumidai.desktop'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads an entry switched off by the desktop’s settings (Hidden, GNOME’s key) as off, and turning it on rewrites it', async () => {
    const port = linuxLoginItem({ executable: '/opt/Fumidai/fumidai', args: ['--hidden'], dir });
    const service = new LaunchAtLoginService(port);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'fumidai.desktop'), '[Desktop Entry]\nType=Application\nExec=/opt/Fumidai/fumidai --hidden\nX-GNOME-Autostart-enabled=false\n');
    expect(await service.get()).toMatchObject({ enabled: false });
    await writeFile(join(dir, 'fumidai.desktop'), '[Desktop Entry]\nType=Application\nHidden=true\n');
    expect(await service.get()).toMatchObject({ enabled: false });
    // A key of the same name in another group is not the entry's.
    await writeFile(join(dir, 'fumidai.desktop'), '[Desktop Entry]\nType=Application\n\n[Desktop Action x]\nHidden=true\n');
    expect(await service.get()).toMatchObject({ enabled: true });
    await writeFile(join(dir, 'fumidai.desktop'), '[Desktop Entry]\nHidden=true\n');
    expect(await service.set(true)).toMatchObject({ enabled: true });
    expect(await readFile(join(dir, 'fumidai.desktop'), 'utf8')).not.toContain('Hidden=true');
  });

  it('a missing config folder reads as off, and turning it on creates the folder', async () => {
    const deep = join(configHome, 'not', 'yet', 'autostart');
    const service = new LaunchAtLoginService(linuxLoginItem({ executable: '/opt/Fumidai/fumidai', args: [], dir: deep }));
    expect(await service.get()).toMatchObject({ enabled: false });
    expect(await service.set(true)).toMatchObject({ enabled: true });
  });

  it.skipIf(asRoot)('names the file and what to check when the folder is not writable', async () => {
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o500);
    const service = new LaunchAtLoginService(linuxLoginItem({ executable: '/opt/Fumidai/fumidai', args: ['--hidden'], dir }));
    const failure = service.set(true);
    await expect(failure).rejects.toMatchObject({ code: 'InvalidConfig', details: { path: expect.stringContaining(dir) } });
    await expect(failure).rejects.toThrow(`Fumidai could not write ${join(dir, 'fumidai.desktop')}: permission denied on`);
    await expect(failure).rejects.toThrow(`ls -ld ${dir}`);
    await chmod(dir, 0o700);
  });

  it('says when a file stands where the autostart folder should be', async () => {
    await writeFile(join(configHome, 'autostart'), 'not a folder');
    const service = new LaunchAtLoginService(linuxLoginItem({ executable: '/opt/Fumidai/fumidai', args: [], dir }));
    expect(await service.get()).toMatchObject({ enabled: false });
    await expect(service.set(true)).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringContaining('is a file, not a folder') });
  });

  it('words each file-system refusal with the path and what to do (runs as root too, where chmod cannot refuse)', () => {
    const errno = (code: string, path: string) => Object.assign(new Error(`${code}: x`), { code, path });
    const denied = autostartFileProblem(errno('EACCES', '/home/u/.config/autostart'), 'write /home/u/.config/autostart/fumidai.desktop', '/home/u/.config/autostart');
    expect(denied).toMatchObject({ code: 'InvalidConfig', details: { path: '/home/u/.config/autostart' } });
    expect(denied.message).toBe(
      'Fumidai could not write /home/u/.config/autostart/fumidai.desktop: permission denied on /home/u/.config/autostart. Check that the folder belongs to you (ls -ld /home/u/.config/autostart); a folder created by a sudo command belongs to root.',
    );
    expect(autostartFileProblem(errno('EROFS', '/ro/autostart'), 'write /ro/autostart/fumidai.desktop', '/ro/autostart').message).toContain('/ro/autostart is on a read-only file system');
    expect(autostartFileProblem(errno('ENOSPC', '/a'), 'write /a/fumidai.desktop', '/a').message).toBe('Fumidai could not write /a/fumidai.desktop: the disk is full.');
    // Anything unforeseen keeps the system's own words.
    expect(autostartFileProblem(errno('EIO', '/a'), 'read /a/fumidai.desktop', '/a')).toMatchObject({ code: 'Internal', message: 'Fumidai could not read /a/fumidai.desktop: EIO: x.' });
  });

  it.skipIf(!existsSync(GIO))('GLib starts the entry it wrote, with an awkward path and the --hidden argument', { timeout: 30_000 }, async () => {
    const appDir = join(configHome, 'My $"Ap`p\\dir');
    await mkdir(appDir, { recursive: true });
    const exe = join(appDir, 'run me.sh');
    const marker = join(configHome, 'marker');
    await writeFile(exe, `#!/bin/sh\nprintf '%s' "$@" > '${marker}'\n`, { mode: 0o755 });
    await new LaunchAtLoginService(linuxLoginItem({ executable: exe, args: ['--hidden'], dir })).set(true);
    await new Promise<void>((resolve, reject) => execFile(GIO, ['launch', join(dir, 'fumidai.desktop')], { timeout: 15_000 }, (e) => (e ? reject(e) : resolve())));
    await expect.poll(() => readFile(marker, 'utf8').catch(() => ''), { timeout: 10_000 }).toBe('--hidden');
  });
});
