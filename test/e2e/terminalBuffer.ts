// Reading a terminal tab the way the e2e suites check it: xterm's own buffer (never pixels),
// found through the window's test hook for the tab of one instance.
import type { Page } from 'playwright-core';

interface XtermLike {
  element?: HTMLElement;
  buffer: { active: { length: number; baseY: number; cursorY: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } };
}

/** The whole text of the terminal shown for `instanceId` ('' when there is none yet). */
export function terminalText(page: Page, instanceId: string): Promise<string> {
  return page.evaluate((id) => {
    const terms = [...((window as unknown as { __fumidaiTerminals?: Map<string, XtermLike> }).__fumidaiTerminals?.values() ?? [])];
    const term = terms.find((t) => t.element?.closest(`[data-testid="terminal-${id}"]`));
    if (!term) return '';
    const buf = term.buffer.active;
    return Array.from({ length: buf.length }, (_, i) => buf.getLine(i)?.translateToString(true) ?? '').join('\n');
  }, instanceId);
}

/** The line the cursor is on in the terminal for `instanceId`. */
export function cursorLine(page: Page, instanceId: string): Promise<string> {
  return page.evaluate((id) => {
    const terms = [...((window as unknown as { __fumidaiTerminals?: Map<string, XtermLike> }).__fumidaiTerminals?.values() ?? [])];
    const term = terms.find((t) => t.element?.closest(`[data-testid="terminal-${id}"]`));
    if (!term) return '';
    const buf = term.buffer.active;
    return buf.getLine(buf.baseY + buf.cursorY)?.translateToString(true) ?? '';
  }, instanceId);
}
