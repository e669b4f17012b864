// What terminal output may make the app do. Anything running on the instance (or anything it
// prints: a log line, a file being `cat`ed) can send escape sequences, so:
//   - OSC 0/1/2 (window and icon title) are swallowed: a remote program never renames the tab or
//     the window; the tab label always says which instance and account the user is on.
//   - OSC 52 (clipboard) is off unless the user turned "Let programs copy to the clipboard" on in
//     Settings; even then it may only write text (bounded size), never read: a query ("?") is
//     ignored, so the clipboard's contents never go back to the remote side.
//   - OSC 8 hyperlinks go through `linkHandler`, which opens only http(s) links and only through
//     the app's external-link allow-list (never javascript:, file:, data:, custom schemes).
import { openableLink } from './terminalKeys';

export interface Disposable {
  dispose(): void;
}
export interface OscParser {
  registerOscHandler(ident: number, callback: (data: string) => boolean): Disposable;
}

/** Largest clipboard write a program may make (decoded text), 100 KB. */
export const OSC52_MAX_BYTES = 100_000;

export interface EscapePolicyOptions {
  /** Read at the moment a sequence arrives, so the setting applies at once. */
  clipboardWriteAllowed: () => boolean;
  writeClipboard: (text: string) => void;
}

/** Decodes an OSC 52 payload ("c;SGVsbG8=") into the text to copy, or undefined if it is not a plain write. */
export function osc52Text(data: string): string | undefined {
  const semi = data.indexOf(';');
  if (semi < 0) return undefined;
  const selection = data.slice(0, semi);
  const body = data.slice(semi + 1);
  if (!/^[cpqs0-7]*$/.test(selection)) return undefined;
  if (body === '?' || body === '') return undefined; // a read request (or a clear): never answered
  if (body.length > Math.ceil(OSC52_MAX_BYTES / 3) * 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

export function installEscapePolicy(parser: OscParser, options: EscapePolicyOptions): Disposable {
  const handlers = [
    // Returning true marks the sequence handled: xterm's own title handling never sees it.
    ...[0, 1, 2].map((ident) => parser.registerOscHandler(ident, () => true)),
    parser.registerOscHandler(52, (data) => {
      if (!options.clipboardWriteAllowed()) return true;
      const text = osc52Text(data);
      if (text !== undefined) options.writeClipboard(text);
      return true;
    }),
  ];
  return { dispose: () => handlers.forEach((h) => h.dispose()) };
}

/** xterm's `linkHandler` for OSC 8 hyperlinks: only http(s), and only through `open` (main's allow-list). */
export function hyperlinkHandler(open: (url: string) => void) {
  return {
    allowNonHttpProtocols: false,
    activate(event: { preventDefault(): void }, text: string) {
      event.preventDefault();
      const url = openableLink(text);
      if (url) open(url);
    },
  };
}
