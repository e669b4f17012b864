// One terminal: xterm.js attached to an SSM shell stream. Output is acknowledged only after xterm
// has parsed it (its write callback), so a flood (`yes`) is throttled at the source instead of
// freezing the UI; the terminal size follows the tab.
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { FumidaiClient } from '../../../common/api';
import type { StreamHandle } from '../../../common/api/contract';
import type { ErrorValue } from '../../../common/api/errors';
import { AckBatcher } from '../../../common/api/flowControl';
import type { TerminalTabInfo } from './terminalsStore';
import { useI18n } from '../i18n/i18n';

type TerminalRegistry = Map<string, Terminal>;
declare global {
  interface Window {
    /** Present only under automation (navigator.webdriver): lets e2e tests read xterm's buffer. */
    __fumidaiTerminals?: TerminalRegistry;
  }
}

export function TerminalTab({ client, tab, fontSize, onSummary, onError, visible }: { client: FumidaiClient; tab: TerminalTabInfo; fontSize: number; visible: boolean; onSummary: (s: NonNullable<TerminalTabInfo['summary']>) => void; onError: (e: ErrorValue) => void }) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({ fontSize, cursorBlink: true, scrollback: 10_000, allowProposedApi: false, fontFamily: 'ui-monospace, "Cascadia Mono", "Noto Sans Mono", Menlo, monospace' });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    fit.fit();
    if (navigator.webdriver) (window.__fumidaiTerminals ??= new Map()).set(tab.key, term);
    let handle: StreamHandle | undefined;
    let terminalId: string | undefined;
    let disposed = false;
    const acks = new AckBatcher((n) => handle?.ack(n));
    void client.sessions
      .openShell(
        { ssoSessionId: tab.ssoSessionId, accountId: tab.instance.accountId, roleName: tab.instance.roleName, region: tab.instance.region, instanceId: tab.instance.instanceId, cols: term.cols, rows: term.rows, ...(tab.reason ? { reason: tab.reason } : {}) },
        {
          onData: (chunk) => term.write(chunk, () => acks.consumed(chunk.byteLength)),
          onEnd: (end) => {
            acks.drain();
            const why = end.reason === 'exit' ? t('terminal.ended', { code: String(end.exitCode ?? '—') }) : (end.message ?? t('terminal.closed'));
            term.write(`\r\n\x1b[2m[${why}]\x1b[0m\r\n`);
          },
        },
      )
      .then((r) => {
        if (!r.ok) {
          term.write(`\x1b[31m${r.message}\x1b[0m\r\n`);
          onError(r);
          return;
        }
        if (disposed) return r.value.handle.close();
        handle = r.value.handle;
        terminalId = r.value.meta.terminalId;
        onSummary(r.value.meta);
        term.onData((d) => handle?.write(d));
        term.focus();
      });
    const resize = new ResizeObserver(() => {
      if (!el.offsetParent) return;
      fit.fit();
      if (terminalId) void client.sessions.resize({ terminalId, cols: term.cols, rows: term.rows });
    });
    resize.observe(el);
    // Acknowledge a partial batch when output goes quiet, so the producer is never left waiting.
    const idle = setInterval(() => acks.drain(), 200);
    return () => {
      disposed = true;
      clearInterval(idle);
      resize.disconnect();
      handle?.close();
      window.__fumidaiTerminals?.delete(tab.key);
      term.dispose();
    };
    // The terminal lives as long as its tab; settings changes do not recreate it.
  }, [client, tab.key]);
  return <div ref={host} className="terminal" data-testid={`terminal-${tab.instance.instanceId}`} hidden={!visible} />;
}
