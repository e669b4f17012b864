// Hostile input (#11): an SSO error message, a session name and a start URL come from outside the
// app (an identity provider's error_description, ~/.aws/config). Rendered, they stay text: escaped,
// never elements or attributes.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '../../i18n/i18n';
import { SignInPanel } from './SignInPanel';
import type { SsoSessionSummary } from '../../../../common/api/auth';

const HTML = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe('SignInPanel with hostile text', () => {
  it('renders an HTML error message, session name and start URL as escaped text', () => {
    const session: SsoSessionSummary = { id: 'corp', name: `corp ${HTML}`, startUrl: `https://x.awsapps.com/start"><svg onload=alert(1)>`, region: 'us-east-1', source: 'app', state: 'expired', canRefresh: false, error: { code: 'AccessDenied', message: `Sign-in failed: ${HTML}` } };
    const html = renderToStaticMarkup(
      <I18nProvider locale="en">
        <SignInPanel client={{} as never} sessions={[session]} onError={() => {}} />
      </I18nProvider>,
    );
    expect(html).toContain('Sign-in failed: &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;&lt;script&gt;');
    expect(html).toContain('corp &lt;img');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).not.toMatch(/<(img|script|svg)\b/i);
    // No real tag carries an event-handler attribute (the escaped text may mention one).
    expect((html.match(/<[^>]*>/g) ?? []).filter((tag) => /\son\w+=/i.test(tag))).toEqual([]);
  });
});
