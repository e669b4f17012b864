// The quick-connect palette's shortcut. macOS: Cmd+K everywhere (Cmd never reaches a shell).
// Linux and Windows: Ctrl+K — except while a terminal has the keyboard, where Ctrl+K is the shell's
// (readline's kill-to-end-of-line, nano's cut) and the palette takes Ctrl+Shift+K instead, the
// combination terminal emulators keep for themselves. Alt+K stays with whoever else wants it.
type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export function isPaletteShortcut(e: Keys, mac: boolean, inTerminal = false): boolean {
  if (e.key.toLowerCase() !== 'k' || e.altKey) return false;
  if (mac) return e.metaKey && !e.ctrlKey && !e.shiftKey;
  if (!e.ctrlKey || e.metaKey) return false;
  return e.shiftKey || !inTerminal;
}

/** Whether a key event is headed for a terminal (xterm.js takes keys through its helper textarea). */
export function isTerminalTarget(target: EventTarget | null): boolean {
  return typeof Element !== 'undefined' && target instanceof Element && target.closest('.xterm') !== null;
}
