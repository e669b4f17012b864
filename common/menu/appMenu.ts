// The application menu as plain data (Electron turns it into a Menu in main/electron/menu.ts).
// Standard roles only, labelled in English or Japanese. Deliberately absent: zoom (Ctrl/Cmd + − 0
// size the terminal font instead), and reload and developer tools in an installed app. On Windows
// and Linux the Edit accelerators are shown but not registered, so Ctrl+C and Ctrl+V keep reaching
// the shell in a terminal tab.
export type MenuLocale = 'en' | 'ja';

export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'
  | 'reload' | 'toggleDevTools' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front' | 'close';

export type AppMenuItem =
  | { kind: 'role'; role: MenuRole; label: string; registerAccelerator?: false }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; items: AppMenuItem[] };

const LABELS: Record<MenuLocale, Record<MenuRole | 'file' | 'edit' | 'view' | 'window', string>> = {
  en: {
    about: 'About Fumidai', services: 'Services', hide: 'Hide Fumidai', hideOthers: 'Hide Others', unhide: 'Show All', quit: 'Quit Fumidai',
    undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All',
    reload: 'Reload', toggleDevTools: 'Toggle Developer Tools', togglefullscreen: 'Toggle Full Screen',
    minimize: 'Minimize', zoom: 'Zoom', front: 'Bring All to Front', close: 'Close Window',
    file: 'File', edit: 'Edit', view: 'View', window: 'Window',
  },
  ja: {
    about: 'Fumidai について', services: 'サービス', hide: 'Fumidai を隠す', hideOthers: 'ほかを隠す', unhide: 'すべてを表示', quit: 'Fumidai を終了',
    undo: '取り消す', redo: 'やり直す', cut: '切り取り', copy: 'コピー', paste: '貼り付け', selectAll: 'すべてを選択',
    reload: '再読み込み', toggleDevTools: '開発者ツールの切り替え', togglefullscreen: 'フルスクリーンの切り替え',
    minimize: 'しまう', zoom: '拡大/縮小', front: 'すべてを手前に移動', close: 'ウインドウを閉じる',
    file: 'ファイル', edit: '編集', view: '表示', window: 'ウインドウ',
  },
};

export function appMenu(platform: string, locale: MenuLocale, options: { packaged: boolean }): AppMenuItem[] {
  const l = LABELS[locale];
  const mac = platform === 'darwin';
  const role = (r: MenuRole, extra: { registerAccelerator?: false } = {}): AppMenuItem => ({ kind: 'role', role: r, label: l[r], ...extra });
  const sep: AppMenuItem = { kind: 'separator' };
  const editKeys = mac ? {} : { registerAccelerator: false as const };
  const menu: AppMenuItem[] = [];
  if (mac) {
    menu.push({ kind: 'submenu', label: 'Fumidai', items: [role('about'), sep, role('services'), sep, role('hide'), role('hideOthers'), role('unhide'), sep, role('quit')] });
  } else {
    menu.push({ kind: 'submenu', label: l.file, items: [role('close'), role('quit')] });
  }
  menu.push({ kind: 'submenu', label: l.edit, items: [role('undo', editKeys), role('redo', editKeys), sep, role('cut', editKeys), role('copy', editKeys), role('paste', editKeys), role('selectAll', editKeys)] });
  menu.push({ kind: 'submenu', label: l.view, items: [...(options.packaged ? [] : [role('reload'), role('toggleDevTools'), sep]), role('togglefullscreen')] });
  menu.push({ kind: 'submenu', label: l.window, items: mac ? [role('minimize'), role('zoom'), sep, role('front')] : [role('minimize'), role('close')] });
  return menu;
}
