// The terminal's own shortcuts, decided from a key event and the platform. Everything else goes to
// the shell. On macOS they use Cmd (which shells never see); elsewhere copy and paste add Shift so
// Ctrl+C and Ctrl+V still reach the shell — except Ctrl+C while text is selected, which copies it
// (as Windows Terminal does). Find is Ctrl/Cmd+F (Ctrl+Shift+F too), font size Ctrl/Cmd + - 0.

export type TerminalAction = 'copy' | 'paste' | 'find' | 'zoomIn' | 'zoomOut' | 'zoomReset';

export interface KeyLike {
  type: string;
  key: string;
  code?: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function terminalAction(e: KeyLike, mac: boolean, hasSelection: boolean): TerminalAction | undefined {
  if (e.type !== 'keydown' || e.altKey) return undefined;
  const primary = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!primary) return undefined;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const code = e.code ?? '';
  if (key === '=' || key === '+' || code === 'NumpadAdd') return 'zoomIn';
  if ((key === '-' || key === '_' || code === 'NumpadSubtract') && !e.shiftKey) return 'zoomOut';
  if ((key === '0' || code === 'Digit0' || code === 'Numpad0') && !e.shiftKey) return 'zoomReset';
  if (key === 'f') return 'find';
  if (mac) {
    if (key === 'c' && !e.shiftKey) return 'copy';
    if (key === 'v' && !e.shiftKey) return 'paste';
    return undefined;
  }
  if (key === 'c' && (e.shiftKey || hasSelection)) return 'copy';
  if (key === 'v' && e.shiftKey) return 'paste';
  return undefined;
}

export const FONT_SIZE_MIN = 8;
export const FONT_SIZE_MAX = 32;
export const FONT_SIZE_DEFAULT = 13;

export function nextFontSize(current: number, action: 'zoomIn' | 'zoomOut' | 'zoomReset'): number {
  if (action === 'zoomReset') return FONT_SIZE_DEFAULT;
  const next = current + (action === 'zoomIn' ? 1 : -1);
  return Math.max(FONT_SIZE_MIN, Math.min(FONT_SIZE_MAX, next));
}

/** Links in terminal output open only if they are http(s) (never javascript:, file:, data:…). */
export function openableLink(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}
