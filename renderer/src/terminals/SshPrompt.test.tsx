// What the tab shows for an SSH login's questions, rendered to static markup in Node: the host
// key's fingerprint with "don't connect" first, and a TOTP prompt masked when the server says so.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '../i18n/i18n';
import { SshPrompt } from './SshPrompt';
import type { TerminalPrompt } from '../../../common/api/sessions';

function render(prompt: TerminalPrompt, locale: 'en' | 'ja' = 'en'): string {
  return renderToStaticMarkup(
    <I18nProvider locale={locale}>
      <SshPrompt prompt={prompt} onAnswer={() => {}} />
    </I18nProvider>,
  );
}

describe('SshPrompt', () => {
  it('shows a new host key with its fingerprint, the name it will be saved as, and both choices', () => {
    const html = render({ kind: 'host-key', promptId: 'p1', host: 'prod-bastion (i-0a11111111111111c)', hostKeyName: 'i-0a11111111111111c', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc+/def', otherTypes: ['ssh-rsa'] });
    expect(html).toContain('First connection to prod-bastion (i-0a11111111111111c)');
    expect(html).toContain('SHA256:abc+/def');
    expect(html).toContain('Keys of another type (ssh-rsa)');
    expect(html.indexOf('ssh-hostkey-reject')).toBeLessThan(html.indexOf('ssh-hostkey-accept'));
    expect(render({ kind: 'host-key', promptId: 'p1', host: 'h', hostKeyName: 'h', keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', otherTypes: [] }, 'ja')).toContain('信頼して接続');
  });

  it('masks answers the server does not want echoed and shows its instructions', () => {
    const html = render({ kind: 'keyboard-interactive', promptId: 'p2', host: 'prod-bastion', name: 'Two-factor authentication', instructions: 'Enter the 6-digit code', prompts: [{ prompt: 'Verification code: ', echo: false }, { prompt: 'Team: ', echo: true }] });
    expect(html).toContain('Two-factor authentication');
    expect(html).toContain('Enter the 6-digit code');
    expect(html).toMatch(/<input type="password"[^>]*data-testid="ssh-ki-input-0"/);
    expect(html).toMatch(/<input type="text"[^>]*data-testid="ssh-ki-input-1"/);
    expect(html).toMatch(/<form[^>]*autoComplete="off"/i);
  });
});
