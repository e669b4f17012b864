import { describe, expect, it } from 'vitest';
import { HIDDEN_AT_LOGIN_ARG, launchedAtLogin, opensWindowAtStart } from './startup';

describe('starting at login', () => {
  it('recognises the login item’s argument, or the OS saying so (macOS)', () => {
    expect(launchedAtLogin(['/opt/Fumidai/fumidai', HIDDEN_AT_LOGIN_ARG])).toBe(true);
    expect(launchedAtLogin(['/opt/Fumidai/fumidai'])).toBe(false);
    expect(launchedAtLogin(['/Applications/Fumidai.app/Contents/MacOS/Fumidai'], true)).toBe(true);
    // A deep link that happens to contain the word is not the argument.
    expect(launchedAtLogin(['fumidai', 'fumidai://login?session=--hidden'])).toBe(false);
  });

  it('stays in the tray when started at login with a tray, and opens the window otherwise', () => {
    expect(opensWindowAtStart({ launchedAtLogin: true, hasTray: true })).toBe(false);
    // No tray area (some Linux sessions): never an app nobody can reach.
    expect(opensWindowAtStart({ launchedAtLogin: true, hasTray: false })).toBe(true);
    expect(opensWindowAtStart({ launchedAtLogin: false, hasTray: true })).toBe(true);
    expect(opensWindowAtStart({ launchedAtLogin: false, hasTray: false })).toBe(true);
  });
});
