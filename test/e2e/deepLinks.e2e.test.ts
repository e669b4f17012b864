// fumidai:// links as the Electron shell hands them to the core: connect brings the host up in the
// Instances view with its Open shell button focused (opening stays the user's click, so production
// still asks for a reason); login shows the sign-in; a link that fails validation is logged with
// its reason and changes nothing on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppWithEmulator, signIn, type AppWithEmulator } from './appWithEmulator';

let env: AppWithEmulator;
const PROD_WEB = { account: '111111111111', instance: 'i-0a11111111111111a' };

beforeAll(async () => {
  env = await startAppWithEmulator({ emulator: { ssh: false } });
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('deep links', () => {
  it('connect: selects the host and focuses Open shell, without opening anything', async () => {
    await signIn(env);
    const page = env.app.page;
    const outcome = env.app.host.core.deepLinks.handle(`fumidai://connect?account=${PROD_WEB.account}&instance=${PROD_WEB.instance}&region=ap-northeast-1`);
    expect(outcome.ok).toBe(true);
    await expect.poll(() => page.getByTestId('view-title').textContent(), { timeout: 15_000 }).toMatch(/instances/i);
    await expect.poll(() => page.getByTestId('instance-detail').textContent(), { timeout: 30_000 }).toContain('prod-web-1');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('detail-open-shell');
    expect(env.app.host.core.terminals.list()).toEqual([]);
    env.app.expectNoPageErrors();
  }, 90_000);

  it('rejects a malformed link with a logged reason and changes nothing', async () => {
    const page = env.app.page;
    await page.getByTestId('nav-accounts').click();
    const outcome = env.app.host.core.deepLinks.handle(`fumidai://connect?account=${PROD_WEB.account}&instance=${PROD_WEB.instance}%26rm%20-rf`);
    expect(outcome).toEqual({ ok: false, reason: 'parameter "instance" has an invalid value' });
    expect(env.app.hostLog).toContain('deep link rejected: parameter "instance" has an invalid value');
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.getByTestId('view-title').textContent()).toMatch(/accounts/i);
  });

  it('login: shows the Accounts view for the named session', async () => {
    const page = env.app.page;
    await page.getByTestId('nav-settings').click();
    expect(env.app.host.core.deepLinks.handle('fumidai://login?session=acme')).toEqual({ ok: true, request: { action: 'login', sessionId: 'acme' } });
    await expect.poll(() => page.getByTestId('view-title').textContent()).toMatch(/accounts/i);
    env.app.expectNoPageErrors();
  });
});
