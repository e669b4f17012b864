// Remembers where the main window was: it reopens maximized if it was, and its normal (restored)
// bounds are saved when it closes. Where it may reopen is decided by main/platform/windowState.ts.
import type { BrowserWindow } from 'electron';
import type { WindowState } from '../platform/windowState';

export type RememberedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'maximize'>;

export function rememberWindowState(win: RememberedWindow, restored: WindowState | undefined, save: (state: WindowState) => void): void {
  if (restored?.maximized) win.maximize();
  win.on('close', () => save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
}
