// The application menu: the pure model (common/menu/appMenu.ts) handed to Menu.buildFromTemplate,
// rebuilt when the language setting changes. Replaces Electron's default menu, which would offer
// reload, developer tools and zoom shortcuts that clash with the terminal's.
import type { Menu as ElectronMenu, MenuItemConstructorOptions } from 'electron';
import { appMenu, type AppMenuItem, type MenuLocale } from '../../common/menu/appMenu';

export interface MenuElectron {
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): ElectronMenu; setApplicationMenu(menu: ElectronMenu | null): void };
}

export function appMenuTemplate(items: AppMenuItem[]): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' };
    if (item.kind === 'submenu') return { label: item.label, submenu: appMenuTemplate(item.items) };
    return { role: item.role, label: item.label, ...(item.registerAccelerator === false ? { registerAccelerator: false } : {}) };
  });
}

export function installAppMenu(electron: MenuElectron, platform: NodeJS.Platform, locale: MenuLocale, packaged: boolean): void {
  electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(appMenuTemplate(appMenu(platform, locale, { packaged }))));
}
