// The fallback's content, rendered to static markup in Node: what happened, the way out, and the
// details. (Catching itself is React's job; this checks what the user sees once it has.)
import { describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createTranslator } from '../i18n/i18n';
import { ErrorBoundary } from './ErrorBoundary';

function fallback(props: { retry?: boolean }, locale: 'en' | 'ja' = 'en'): string {
  const boundary = new ErrorBoundary({ t: createTranslator(locale), children: null, ...props });
  boundary.state = { ...ErrorBoundary.getDerivedStateFromError(new Error('<b>accounts</b> is undefined')), stack: 'TypeError: at AccountsView' };
  return renderToStaticMarkup(boundary.render() as ReactElement);
}

describe('ErrorBoundary fallback', () => {
  it('renders its children while nothing failed', () => {
    const boundary = new ErrorBoundary({ t: createTranslator('en'), children: 'the view' });
    expect(boundary.render()).toBe('the view');
  });

  it('says what happened, shows the message as text, and keeps the details collapsed', () => {
    const html = fallback({ retry: true });
    expect(html).toContain('role="alert"');
    expect(html).toContain('Something went wrong');
    expect(html).toContain('&lt;b&gt;accounts&lt;/b&gt; is undefined');
    expect(html).toMatch(/<details><summary>Details<\/summary><pre>TypeError: at AccountsView<\/pre><\/details>/);
  });

  it('offers "Try again" around a view and only "Reload" around the whole app', () => {
    expect(fallback({ retry: true })).toContain('Try again');
    expect(fallback({ retry: true })).toContain('Reload');
    const app = fallback({});
    expect(app).not.toContain('Try again');
    expect(app).toContain('Reload');
    expect(app).toContain('The Fumidai window failed to display');
  });

  it('speaks Japanese when the UI does', () => {
    expect(fallback({ retry: true }, 'ja')).toContain('もう一度試す');
  });
});
