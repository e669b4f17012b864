// The production rule behind every "open" in the window, rendered in Node: a host outside
// production opens at once with no reason; a production host opens only after the dialog gets a
// reason (and with it), never on cancel. The dialog itself is driven in the e2e tests.
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { needsReason, useReasonPrompt, type ReasonPrompt } from './useReasonPrompt';

interface Host {
  name: string;
  accountName: string;
  environment: string;
}

/** Renders a component that asks once, as a click would; returns what it answered and the hook's last state. */
function askOnce(host: Host) {
  const open = vi.fn<(subject: Host, reason?: string) => void>();
  let asked: boolean | undefined;
  let last: ReasonPrompt<Host> | undefined;
  function Harness() {
    const prompt = useReasonPrompt((h: Host) => h, open);
    // A request while rendering re-renders at once, so the second render shows its outcome.
    if (asked === undefined) asked = prompt.request(host);
    last = prompt;
    return <span>{prompt.dialog ? 'asking' : 'idle'}</span>;
  }
  const html = renderToStaticMarkup(<Harness />);
  return { open, asked, html, dialog: last!.dialog as ReactElement<{ instance: Host; onConfirm: (r: string) => void; onCancel: () => void }> | null };
}

describe('useReasonPrompt', () => {
  it('opens a host outside production at once, with no reason and no dialog', () => {
    const dev = { name: 'dev-web-1', accountName: 'acme-dev', environment: 'development' };
    const { open, asked, html, dialog } = askOnce(dev);
    expect(asked).toBe(false);
    expect(open).toHaveBeenCalledExactlyOnceWith(dev);
    expect(dialog).toBeNull();
    expect(html).toBe('<span>idle</span>');
  });

  it('asks first on a production host and opens only with the reason given', () => {
    const prod = { name: 'prod-web-1', accountName: 'acme-prod', environment: 'production' };
    const { open, asked, html, dialog } = askOnce(prod);
    expect(asked).toBe(true);
    expect(html).toBe('<span>asking</span>');
    expect(open).not.toHaveBeenCalled();
    expect(dialog!.props.instance).toBe(prod);
    dialog!.props.onConfirm('INC-7 check disk');
    expect(open).toHaveBeenCalledExactlyOnceWith(prod, 'INC-7 check disk');
  });

  it('opens nothing when the production question is cancelled', () => {
    const { open, dialog } = askOnce({ name: 'prod-web-1', accountName: 'acme-prod', environment: 'production' });
    dialog!.props.onCancel();
    expect(open).not.toHaveBeenCalled();
  });

  it('treats production, and only production, as needing a reason', () => {
    expect(needsReason({ environment: 'production' })).toBe(true);
    for (const environment of ['development', 'staging', 'sandbox', undefined]) expect(needsReason({ environment })).toBe(false);
  });
});
