import { describe, expect, it } from 'vitest';
import { appMenu, type AppMenuItem } from './appMenu';

const roles = (items: AppMenuItem[]): string[] => items.flatMap((i) => (i.kind === 'role' ? [i.role] : i.kind === 'submenu' ? roles(i.items) : []));
const labels = (items: AppMenuItem[]): string[] => items.flatMap((i) => (i.kind === 'separator' ? [] : i.kind === 'submenu' ? [i.label, ...labels(i.items)] : [i.label]));

describe('appMenu', () => {
  it('gives macOS the app menu, Edit, View and Window with the standard roles', () => {
    const menu = appMenu('darwin', 'en', { packaged: true });
    expect(menu.map((m) => (m.kind === 'submenu' ? m.label : ''))).toEqual(['Fumidai', 'Edit', 'View', 'Window']);
    expect(roles(menu)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen', 'minimize', 'zoom', 'front']);
  });

  it('never registers Edit accelerators on Windows and Linux, so Ctrl+C reaches the shell', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const edit = appMenu(platform, 'en', { packaged: true }).find((m) => m.kind === 'submenu' && m.label === 'Edit');
      expect(edit?.kind === 'submenu' && edit.items.filter((i) => i.kind === 'role').every((i) => i.kind === 'role' && i.registerAccelerator === false)).toBe(true);
    }
  });

  it('has no zoom (the terminal font size owns Ctrl/Cmd + − 0), and no reload or dev tools when installed', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const installed = roles(appMenu(platform, 'en', { packaged: true }));
      expect(installed.filter((r) => ['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom'].includes(r))).toEqual([]);
      expect(roles(appMenu(platform, 'en', { packaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    }
  });

  it('labels every item in Japanese', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const ja = labels(appMenu(platform, 'ja', { packaged: false }));
      const en = labels(appMenu(platform, 'en', { packaged: false }));
      expect(ja).toHaveLength(en.length);
      ja.forEach((label, i) => expect(label === 'Fumidai' || label !== en[i], `${en[i]} is not translated`).toBe(true));
    }
  });
});
