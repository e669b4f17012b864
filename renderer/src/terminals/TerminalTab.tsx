// One terminal: xterm.js attached to an SSM shell stream. Output is acknowledged only after xterm
// has parsed it (its write callback), so a flood (`yes`) is throttled at the source instead of
// freezing the UI or starving the other tabs; the terminal size follows the tab.
//
// The xterm instance lives as long as the tab; each (re)opened session is a new stream written
// into the same scrollback, so "reopen" keeps what the user already saw. Addons: fit, search (the
// find bar), web links (through the app's external-link allow-list, http/https only), Unicode 11
// widths, and WebGL where the machine has it (the DOM renderer otherwise).
import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import '@xterm/xterm/css/xterm.css';
import type { FumidaiClient } from '../../../common/api';
import type { StreamEnd, StreamHandle } from '../../../common/api/contract';
import type { ErrorValue } from '../../../common/api/errors';
import { AckBatcher } from '../../../common/api/flowControl';
import type { TerminalSummary } from '../../../common/api/sessions';
import type { TerminalTabInfo } from './terminalsStore';
import { useI18n } from '../i18n/i18n';
import { nextFontSize, openableLink, terminalAction } from './terminalKeys';
import { loadWebglRenderer, type RendererKind } from './webglRenderer';
import { FindBar } from './FindBar';
import { SshPrompt } from './SshPrompt';
import { hyperlinkHandler, installEscapePolicy } from './escapePolicy';

type TerminalRegistry = Map<string, Terminal>;
declare global {
  interface Window {
    /** Present only under automation (navigator.webdriver): lets e2e tests read xterm's buffer. */
    __fumidaiTerminals?: TerminalRegistry;
  }
}

interface Props {
  client: FumidaiClient;
  tab: TerminalTabInfo;
  fontSize: number;
  scrollback: number;
  /** Settings → terminal.clipboardWrite: programs may copy to the clipboard with OSC 52. */
  clipboardWrite?: boolean;
  /** macOS: shortcuts use Cmd. */
  mac: boolean;
  visible: boolean;
  /** Changes when the user picks this tab again: the terminal takes the keyboard. */
  focusToken?: number;
  onSummary: (s: TerminalSummary) => void;
  onFailed: (message: string) => void;
  onError: (e: ErrorValue) => void;
  /** Ctrl/Cmd + - 0: the new size, persisted in Settings by the caller. */
  onFontSize: (size: number) => void;
}

interface Live {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
}

export function TerminalTab({ client, tab, fontSize, scrollback, clipboardWrite = false, mac, visible, focusToken, onSummary, onFailed, onError, onFontSize }: Props) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const live = useRef<Live | undefined>(undefined);
  const terminalId = useRef<string | undefined>(undefined);
  const [findOpen, setFindOpen] = useState(false);
  const [renderer, setRenderer] = useState<RendererKind | undefined>(undefined);
  // A size asked for with Ctrl/Cmd + - that Settings have not echoed back yet (keys pressed quickly
  // must step from it, not from the stale prop).
  const pendingSize = useRef<number | undefined>(undefined);
  if (pendingSize.current === fontSize) pendingSize.current = undefined;
  // Callbacks the long-lived xterm handlers call: always the latest props.
  const latest = useRef({ fontSize, onFontSize, onError, onSummary, onFailed, t, mac, clipboardWrite });
  latest.current = { fontSize, onFontSize, onError, onSummary, onFailed, t, mac, clipboardWrite };

  // The terminal itself, once per tab.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      fontSize: latest.current.fontSize,
      scrollback,
      cursorBlink: true,
      // The search addon's match decorations and Unicode 11 widths use xterm's proposed API.
      allowProposedApi: true,
      fontFamily: 'ui-monospace, "Cascadia Mono", "Noto Sans Mono", Menlo, monospace',
      // OSC 8 hyperlinks: http(s) only, through main's external-link allow-list (escapePolicy.ts).
      linkHandler: hyperlinkHandler((url) => void client.app.openExternal({ url }).then((r) => !r.ok && latest.current.onError(r))),
    });
    // Titles, clipboard: what output may make the app do (escapePolicy.ts).
    installEscapePolicy(term.parser, {
      clipboardWriteAllowed: () => latest.current.clipboardWrite,
      writeClipboard: (text) => void navigator.clipboard?.writeText(text).catch(() => {}),
    });
    const fit = new FitAddon();
    const search = new SearchAddon({ highlightLimit: 2000 });
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.loadAddon(
      new WebLinksAddon((event, uri) => {
        event.preventDefault();
        const url = openableLink(uri);
        if (!url) return;
        void client.app.openExternal({ url }).then((r) => !r.ok && latest.current.onError(r));
      }),
    );
    term.open(el);
    loadWebglRenderer((addon) => term.loadAddon(addon), () => new WebglAddon(), (kind) => setRenderer(kind));
    fit.fit();
    term.attachCustomKeyEventHandler((e) => {
      const action = terminalAction(e, latest.current.mac, term.hasSelection());
      if (!action) return true;
      switch (action) {
        case 'copy': {
          e.preventDefault();
          const text = term.getSelection();
          if (text) void navigator.clipboard?.writeText(text).then(() => term.clearSelection(), () => {});
          return false;
        }
        case 'paste':
          // The browser's own paste runs (xterm reads it from its textarea, bracketed if the shell
          // asks): the renderer never needs permission to read the clipboard.
          return false;
        case 'find':
          e.preventDefault();
          setFindOpen(true);
          return false;
        default: {
          e.preventDefault();
          const next = nextFontSize(pendingSize.current ?? latest.current.fontSize, action);
          pendingSize.current = next;
          latest.current.onFontSize(next);
          return false;
        }
      }
    });
    term.onResize(({ cols, rows }) => {
      if (terminalId.current) void client.sessions.resize({ terminalId: terminalId.current, cols, rows });
    });
    live.current = { term, fit, search };
    if (navigator.webdriver) (window.__fumidaiTerminals ??= new Map()).set(tab.key, term);
    const resize = new ResizeObserver(() => {
      if (el.offsetParent) fit.fit();
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      window.__fumidaiTerminals?.delete(tab.key);
      live.current = undefined;
      term.dispose();
    };
    // The terminal lives as long as its tab; settings changes are applied below, not by recreating it.
  }, [client, tab.key]);

  // One session per generation: the first, and each "reopen". A restored tab waits for the user.
  useEffect(() => {
    const current = live.current;
    if (!current || tab.waiting) return;
    const { term } = current;
    if (tab.generation > 0) term.write(`\r\n\x1b[2m── ${latest.current.t('terminal.reopening')} ──\x1b[0m\r\n`);
    let handle: StreamHandle | undefined;
    let disposed = false;
    terminalId.current = undefined;
    const acks = new AckBatcher((n) => handle?.ack(n));
    const input = term.onData((d) => handle?.write(d));
    const asked = { cols: term.cols, rows: term.rows };
    const request = { ssoSessionId: tab.ssoSessionId, accountId: tab.instance.accountId, roleName: tab.instance.roleName, region: tab.instance.region, instanceId: tab.instance.instanceId, cols: asked.cols, rows: asked.rows, ...(tab.reason ? { reason: tab.reason } : {}) };
    const sink = {
      onData: (chunk: Uint8Array) => term.write(chunk, () => acks.consumed(chunk.byteLength)),
      onEnd: (end: StreamEnd) => {
        acks.drain();
        const { t: tr } = latest.current;
        const why = end.reason === 'exit' ? tr('terminal.ended', { code: String(end.exitCode ?? '—') }) : (end.message ?? tr('terminal.closed'));
        // A refused SSH login is an error the person must read: red, not the dim end-of-session line.
        term.write(end.reason === 'error' ? `\r\n\x1b[31m[${why}]\x1b[0m\r\n` : `\r\n\x1b[2m[${why}]\x1b[0m\r\n`);
      },
    };
    // An SSH tab opens at once and asks its questions (host key, TOTP) while it connects.
    const opening = tab.ssh ? client.sessions.openSsh({ ...request, via: tab.ssh.via, ...(tab.ssh.bastionId ? { bastionId: tab.ssh.bastionId } : {}) }, sink) : client.sessions.openShell(request, sink);
    void opening
      .then((r) => {
        if (!r.ok) {
          if (disposed) return;
          term.write(`\x1b[31m${r.message}\x1b[0m\r\n`);
          latest.current.onFailed(r.message);
          latest.current.onError(r);
          return;
        }
        if (disposed) return r.value.handle.close();
        handle = r.value.handle;
        terminalId.current = r.value.meta.terminalId;
        latest.current.onSummary(r.value.meta);
        // A question may have been published before this tab knew its terminal id: catch up.
        if (tab.ssh) {
          const id = r.value.meta.terminalId;
          void client.sessions.list().then((l) => {
            const now = l.ok ? l.value.find((x) => x.terminalId === id) : undefined;
            if (now && !disposed) latest.current.onSummary(now);
          });
        }
        // The tab may have been resized while the session was starting.
        if (term.cols !== asked.cols || term.rows !== asked.rows) void client.sessions.resize({ terminalId: r.value.meta.terminalId, cols: term.cols, rows: term.rows });
        term.focus();
      });
    // Acknowledge a partial batch when output goes quiet, so the producer is never left waiting.
    const idle = setInterval(() => acks.drain(), 200);
    return () => {
      disposed = true;
      clearInterval(idle);
      input.dispose();
      handle?.close();
    };
  }, [client, tab.key, tab.generation, tab.waiting, tab.ssoSessionId, tab.instance, tab.reason, tab.ssh]);

  // Font size and scrollback follow Settings (and Ctrl/Cmd + - 0) without recreating the terminal.
  useEffect(() => {
    const current = live.current;
    if (!current) return;
    current.term.options.fontSize = fontSize;
    current.term.options.scrollback = scrollback;
    if (host.current?.offsetParent) current.fit.fit();
  }, [fontSize, scrollback]);

  useEffect(() => {
    const current = live.current;
    if (!visible || !current) return;
    // The keyboard goes to the terminal at once (keys typed right after picking the tab are its);
    // a hidden tab measured nothing, so it is fitted once it shows.
    if (!findOpen && host.current?.offsetParent) current.term.focus();
    requestAnimationFrame(() => {
      if (!host.current?.offsetParent) return;
      current.fit.fit();
      if (!findOpen) current.term.focus();
    });
  }, [visible, findOpen, focusToken]);

  const prompt = tab.summary?.prompt;
  return (
    <div className="terminal-pane" hidden={!visible} data-renderer={renderer}>
      {findOpen && live.current && (
        <FindBar
          search={live.current.search}
          onClose={() => {
            live.current?.search.clearDecorations();
            // The match stays selected otherwise, and Ctrl+C would copy it instead of interrupting.
            live.current?.term.clearSelection();
            setFindOpen(false);
            live.current?.term.focus();
          }}
        />
      )}
      {prompt && tab.summary?.state === 'connecting' && (
        <SshPrompt
          prompt={prompt}
          onAnswer={(accept, responses) => {
            const id = tab.summary?.terminalId;
            if (!id) return;
            void client.sessions.answerPrompt({ terminalId: id, promptId: prompt.promptId, accept, ...(responses ? { responses } : {}) }).then((r) => {
              if (!r.ok) onError(r);
              else live.current?.term.focus();
            });
          }}
        />
      )}
      {tab.summary?.endCode === 'HostKeyMismatch' && (
        <div className="ssh-warning" role="alert" data-testid="ssh-hostkey-changed">
          <strong>{t('ssh.hostKey.changedTitle')}</strong>
          <p>{tab.summary.endReason}</p>
        </div>
      )}
      <div ref={host} className="terminal" data-testid={`terminal-${tab.instance.instanceId}`} />
    </div>
  );
}
