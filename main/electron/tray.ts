// The tray icon: a few lines over the pure menu (common/tray/trayMenu.ts). It swaps the icon when
// a sign-in or key is about to expire or has expired, and rebuilds the menu whenever the model or
// the language changes. macOS gets template images (tinted by the OS); Windows an .ico; Linux a
// PNG and the complete context menu (AppIndicator has no click on the icon).
import type { Menu as ElectronMenu, MenuItemConstructorOptions, NativeImage, Tray as ElectronTray } from 'electron';
import { join } from 'node:path';
import type { TextLocale } from '../../common/alerts/notificationText';
import { trayText } from '../../common/alerts/notificationText';
import { trayMenu, type TrayAction, type TrayMenuItem } from '../../common/tray/trayMenu';
import type { TrayIconState, TrayModel } from '../../common/tray/trayModel';

export interface TrayElectron {
  Tray: new (image: NativeImage) => Pick<ElectronTray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): ElectronMenu };
  nativeImage: { createFromPath(path: string): NativeImage };
}

/** The icon file for a state on a platform (files in assets/tray, shipped as resources/tray). */
export function trayIconPath(dir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  const variant = state === 'expiring' ? 'Expiring' : state === 'expired' ? 'Expired' : '';
  if (platform === 'darwin') return join(dir, `tray${variant}Template.png`);
  if (platform === 'win32') return join(dir, `tray${variant}.ico`);
  return join(dir, `tray${variant}.png`);
}

/** The pure menu, as Electron's template: every action becomes a click that calls `run`. */
export function menuTemplate(items: TrayMenuItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' };
    if (item.kind === 'label') return { label: item.label, enabled: false };
    if (item.kind === 'submenu') return { label: item.label, submenu: menuTemplate(item.items, run) };
    return { label: item.label, enabled: item.enabled, click: () => run(item.action) };
  });
}

export interface AppTrayOptions {
  electron: TrayElectron;
  iconDir: string;
  platform: NodeJS.Platform;
  locale: () => TextLocale;
  run: (action: TrayAction) => void;
  now?: () => number;
}

export class AppTray {
  private readonly tray: ReturnType<AppTray['create']>;
  private icon: TrayIconState | undefined;
  private model: TrayModel;

  constructor(
    private readonly options: AppTrayOptions,
    initial: TrayModel,
  ) {
    this.model = initial;
    this.tray = this.create(initial.icon);
    // Windows and macOS: a left click on the icon opens the window (Linux has only the menu).
    if (options.platform === 'win32') this.tray.on('click', () => options.run({ type: 'open' }));
    this.update(initial);
  }

  /** Shows a new model (or the same one again, e.g. after the language changed). */
  update(model: TrayModel = this.model): void {
    this.model = model;
    const { electron } = this.options;
    if (model.icon !== this.icon) {
      this.icon = model.icon;
      this.tray.setImage(this.image(model.icon));
    }
    const locale = this.options.locale();
    this.tray.setToolTip(trayText(locale, 'tooltip'));
    this.tray.setContextMenu(electron.Menu.buildFromTemplate(menuTemplate(trayMenu(model, locale, (this.options.now ?? Date.now)()), this.options.run)));
  }

  get iconState(): TrayIconState | undefined {
    return this.icon;
  }

  dispose(): void {
    this.tray.destroy();
  }

  private create(state: TrayIconState) {
    this.icon = state;
    return new this.options.electron.Tray(this.image(state));
  }

  private image(state: TrayIconState): NativeImage {
    const img = this.options.electron.nativeImage.createFromPath(trayIconPath(this.options.iconDir, state, this.options.platform));
    // The "Template" name already marks it on macOS; saying so keeps it tinted if renamed.
    if (this.options.platform === 'darwin') img.setTemplateImage(true);
    return img;
  }
}
