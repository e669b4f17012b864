import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, installAppMenu } from './menu';
import { appMenu } from '../../common/menu/appMenu';

vi.mock('electron', () => ({}));

describe('application menu adapter', () => {
  it('turns the model into Electron roles with our labels, keeping unregistered accelerators unregistered', () => {
    const template = appMenuTemplate(appMenu('linux', 'ja', { packaged: true }));
    const edit = template[1]!;
    expect(edit.label).toBe('編集');
    expect((edit.submenu as Array<Record<string, unknown>>)[4]).toEqual({ role: 'copy', label: 'コピー', registerAccelerator: false });
    expect(template.flatMap((m) => m.submenu as Array<Record<string, unknown>>).some((i) => i.type === 'separator')).toBe(true);
  });

  it('replaces the application menu', () => {
    const built = {};
    const Menu = { buildFromTemplate: vi.fn((_template: Array<Record<string, unknown>>) => built as never), setApplicationMenu: vi.fn() };
    installAppMenu({ Menu }, 'darwin', 'en', true);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(built);
    expect(Menu.buildFromTemplate.mock.calls[0]![0][0]).toMatchObject({ label: 'Fumidai' });
  });
});
