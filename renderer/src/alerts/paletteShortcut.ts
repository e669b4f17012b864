// Ctrl+K (Cmd+K on macOS) opens the quick-connect palette, with no other modifier, so Ctrl+Shift+K
// and Alt+K stay with whoever else wants them.
export function isPaletteShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, mac: boolean): boolean {
  if (e.key.toLowerCase() !== 'k' || e.shiftKey || e.altKey) return false;
  return mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}
