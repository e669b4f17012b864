// Terminal tabs, port forwards and History end to end, in Chromium against the emulator, as a
// person uses them: find a word in the scrollback, change the font size from the keyboard, keep
// the UI and another tab responsive while one tab floods (`yes`), reopen an ended session in its
// tab, see the OS user on a production tab, replay that session from History, start a forward
// from an instance's detail panel and fetch a page through it, and get the tabs back after a
// reload and after the host restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { signIn, startAppWithEmulator, type AppWithEmulator } from './appWithEmulator';
import { terminalText } from './terminalBuffer';
import { keepForReadme, launchApp, type E2eApp } from './harness';
import { createCore } from '../../main/composition';
import { createAwsFiles } from '../../main/aws/defaults';

const DEV = 'i-0c33333333333333a'; // dev-app-1
const DEV2 = 'i-0c33333333333333b'; // dev-app-2
const PROD = 'i-0a11111111111111a'; // prod-web-1 (ProductionOperator runs as "ops")
const STG = 'i-0b22222222222222a'; // stg-web-1 (an HTTP service on port 80)

let env: AppWithEmulator;
let app: E2eApp;
let configDir: string;
let restarted: E2eApp | undefined;

interface XtermLike {
  element?: HTMLElement;
  getSelection(): string;
  buffer: { active: { length: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } };
}
interface TestWindow {
  __fumidaiTerminals?: Map<string, XtermLike>;
  __fumidaiReplay?: Map<string, XtermLike>;
}


function selectionOf(page: Page, instanceId: string): Promise<string> {
  return page.evaluate((id) => {
    const terms = [...((window as unknown as TestWindow).__fumidaiTerminals?.values() ?? [])];
    return terms.find((t) => t.element?.closest(`[data-testid="terminal-${id}"]`))?.getSelection() ?? '';
  }, instanceId);
}

async function openShell(page: Page, name: string, instanceId: string, reason?: string): Promise<void> {
  await page.getByTestId('nav-instances').click();
  await page.getByTestId('instances-search').fill(name);
  await page.getByTestId(`open-shell-${instanceId}`).click();
  if (reason) {
    await page.getByTestId('production-reason').fill(reason);
    await page.getByRole('button', { name: 'Open production shell' }).click();
  }
  await expect.poll(() => page.getByTestId(`tab-state-${instanceId}`).textContent(), { timeout: 20_000 }).toBe('live');
  await expect.poll(() => terminalText(page, instanceId), { timeout: 20_000 }).toMatch(/@.*[$#] ?$/m);
}

/** Picks a terminal tab and waits until its terminal has the keyboard. */
async function pickTab(page: Page, instanceId: string): Promise<void> {
  await page.getByTestId(`tab-${instanceId}`).click();
  await expect.poll(() => page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="terminal-${id}"]`), instanceId)).toBe(true);
}

function httpGet(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', timeout: 15_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'fumidai-e2e-config-'));
  env = await startAppWithEmulator({ configDir });
  app = env.app;
}, 180_000);

afterAll(async () => {
  await restarted?.close();
  await env?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('terminal tabs', () => {
  it('signs in', async () => {
    await signIn(env);
  });

  it('shows the tab with its account and state, finds a word in the scrollback, and changes the font size from the keyboard', async () => {
    const page = app.page;
    await openShell(page, 'dev-app-1', DEV);
    const tab = page.getByTestId(`tab-${DEV}`);
    expect(await tab.textContent()).toContain('dev-app-1');
    expect(await tab.textContent()).toContain('acme-dev');
    await expect.poll(() => page.getByTestId(`tab-user-${DEV}`).textContent()).toBe('ssm-user');
    // Which renderer xterm uses depends on the machine (headless Chromium may lack WebGL2); either works.
    expect(['webgl', 'dom']).toContain(await page.locator('.terminal-pane:not([hidden])').getAttribute('data-renderer'));

    await page.keyboard.type('echo needle-$((40+2)); seq 1 200\n');
    await expect.poll(() => terminalText(page, DEV)).toMatch(/^200$/m);
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.getByTestId('terminal-find').isVisible()).toBe(true);
    await page.getByTestId('terminal-find-input').fill('needle-42');
    await expect.poll(() => page.getByTestId('terminal-find-status').textContent()).toBe('1 of 1');
    expect(await selectionOf(page, DEV)).toBe('needle-42');
    await page.getByTestId('terminal-find-input').fill('no-such-word');
    await expect.poll(() => page.getByTestId('terminal-find-status').textContent()).toBe('No matches');
    await page.getByTestId('terminal-find-input').fill('needle');
    await keepForReadme(app.screenshot('terminal-find'), 'terminal-find');
    await page.getByTestId('terminal-find-input').press('Escape');
    await expect.poll(() => page.getByTestId('terminal-find').count()).toBe(0);

    // Copy a selection with Ctrl+Shift+C, paste it back with Ctrl+Shift+V (the browser's own paste).
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    await page.evaluate((id) => {
      const terms = [...((window as unknown as TestWindow).__fumidaiTerminals?.values() ?? [])] as unknown as Array<XtermLike & { select(c: number, r: number, n: number): void }>;
      const term = terms.find((t) => t.element?.closest(`[data-testid="terminal-${id}"]`))!;
      const buf = term.buffer.active;
      for (let i = 0; i < buf.length; i++) if (buf.getLine(i)?.translateToString(true) === 'needle-42') return term.select(0, i, 9);
    }, DEV);
    expect(await selectionOf(page, DEV)).toBe('needle-42');
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('needle-42');
    expect(await selectionOf(page, DEV)).toBe('');
    await page.keyboard.type('echo pasted-');
    await page.keyboard.press('Control+Shift+V');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalText(page, DEV)).toMatch(/^pasted-needle-42$/m);

    // A link in the output opens through the app's allow-listed path (never a javascript: one).
    await page.keyboard.type("clear; echo 'see https://console.aws.amazon.com/ec2/home and javascript:alert(1)'\n");
    await expect.poll(() => terminalText(page, DEV)).toMatch(/^see https:\/\/console/m);
    const at = await page.evaluate((id) => {
      const terms = [...((window as unknown as TestWindow).__fumidaiTerminals?.values() ?? [])] as unknown as Array<XtermLike & { cols: number; rows: number; buffer: { active: { viewportY: number } } }>;
      const term = terms.find((t) => t.element?.closest(`[data-testid="terminal-${id}"]`))!;
      const screen = term.element!.querySelector('.xterm-screen')!.getBoundingClientRect();
      const buf = term.buffer.active;
      for (let i = buf.viewportY; i < buf.length; i++) {
        const text = buf.getLine(i)?.translateToString(true) ?? '';
        const col = text.indexOf('https://console');
        if (text.startsWith('see ') && col >= 0) {
          const cellW = screen.width / term.cols;
          const cellH = screen.height / term.rows;
          const js = text.indexOf('javascript:');
          const y = screen.top + (i - buf.viewportY + 0.5) * cellH;
          return { link: { x: screen.left + (col + 5.5) * cellW, y }, js: { x: screen.left + (js + 3.5) * cellW, y } };
        }
      }
      return undefined;
    }, DEV);
    expect(at).toBeDefined();
    const before = app.openedLinks.length;
    await page.mouse.move(at!.js.x, at!.js.y);
    await page.mouse.click(at!.js.x, at!.js.y);
    await page.mouse.move(at!.link.x, at!.link.y);
    await page.waitForTimeout(200);
    await page.mouse.click(at!.link.x, at!.link.y);
    await expect.poll(() => app.openedLinks.slice(before)).toEqual(['https://console.aws.amazon.com/ec2/home']);
    await pickTab(page, DEV);

    const size = () => app.host.core.settings.get().terminal.fontSize;
    expect(size()).toBe(13);
    await page.keyboard.press('Control+=');
    await expect.poll(size).toBe(14);
    await page.keyboard.press('Control+-');
    await page.keyboard.press('Control+-');
    await expect.poll(size).toBe(12);
    await page.keyboard.press('Control+0');
    await expect.poll(size).toBe(13);
    app.expectNoPageErrors();
  });

  it('keeps the UI and another tab responsive while one tab floods with `yes`, and closes the flooding tab', async () => {
    const page = app.page;
    await openShell(page, 'dev-app-2', DEV2);
    await page.keyboard.type('yes flood-line\n');
    await expect.poll(async () => ((await terminalText(page, DEV2)).match(/^flood-line$/gm) ?? []).length, { timeout: 15_000 }).toBeGreaterThan(100);
    // The page keeps painting: frames counted in the page over two seconds of flood.
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let n = 0;
          const start = performance.now();
          const tick = (now: number) => {
            n += 1;
            if (now - start < 2000) requestAnimationFrame(tick);
            else resolve(n);
          };
          requestAnimationFrame(tick);
        }),
    );
    expect(frames).toBeGreaterThan(10);
    // The other tab answers while the flood goes on.
    await pickTab(page, DEV);
    await page.keyboard.type('echo calm-$((5+5))\n');
    await expect.poll(() => terminalText(page, DEV), { timeout: 15_000 }).toMatch(/^calm-10$/m);
    expect(app.host.core.terminals.list().find((t) => t.instanceId === DEV2)?.state).toBe('live');
    // Closing the flooding tab ends its session on the service.
    await page.getByRole('button', { name: 'Close dev-app-2' }).click();
    await expect.poll(() => app.host.core.terminals.list().find((t) => t.instanceId === DEV2)?.state, { timeout: 15_000 }).toBe('ended');
    expect(await page.locator('[data-testid^="tab-i-"]').count()).toBe(1);
  });

  it('reopens an ended session in the same tab, keeping its scrollback', async () => {
    const page = app.page;
    await pickTab(page, DEV);
    await page.keyboard.type('exit 3\n');
    await expect.poll(() => page.getByTestId(`tab-state-${DEV}`).textContent(), { timeout: 15_000 }).toBe('ended (3)');
    await page.getByTestId(`reopen-${DEV}`).click();
    await expect.poll(() => page.getByTestId(`tab-state-${DEV}`).textContent(), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => page.locator('[data-testid^="tab-i-"]').count()).toBe(1);
    await page.keyboard.type('echo reopened-$((2*4))\n');
    await expect.poll(() => terminalText(page, DEV), { timeout: 15_000 }).toMatch(/^reopened-8$/m);
    expect(await terminalText(page, DEV)).toMatch(/^calm-10$/m);
  });

  it('records a production shell (OS user on the tab) and replays it from History', async () => {
    const page = app.page;
    await openShell(page, 'prod-web-1', PROD, 'INC-7 look at the logs');
    await expect.poll(() => page.getByTestId(`tab-user-${PROD}`).textContent()).toBe('ops');
    expect(await page.locator('.terminals--production').isVisible()).toBe(true);
    await page.keyboard.type('echo audit-$((6*7))\n');
    await expect.poll(() => terminalText(page, PROD)).toMatch(/^audit-42$/m);
    await page.keyboard.type('exit\n');
    await expect.poll(() => page.getByTestId(`tab-state-${PROD}`).textContent(), { timeout: 15_000 }).toBe('ended (0)');
    const awsSessionId = app.host.core.terminals.list().find((t) => t.instanceId === PROD)!.awsSessionId!;
    const recording = app.host.core.terminals.list().find((t) => t.instanceId === PROD)!.recording!;
    expect(statSync(join(configDir, 'recordings', recording)).mode & 0o777).toBe(0o600);

    await page.getByTestId('nav-history').click();
    const row = page.getByTestId(`history-${awsSessionId}`);
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId(`history-end-${awsSessionId}`).textContent(), { timeout: 15_000 }).toContain('exit code 0');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('alice');
    expect(text).toContain('prod-web-1');
    expect(text).toContain('acme-prod');
    expect(text).toContain('ProductionOperator');
    expect(text).toContain('INC-7 look at the logs');
    // The development shells were not recorded (production only, by default).
    expect(await page.locator('[data-testid^="history-end-"]').count()).toBe(1);

    await row.click();
    await page.getByTestId('replay-speed').selectOption('16');
    const replayText = () =>
      page.evaluate(() => {
        const term = [...((window as unknown as TestWindow).__fumidaiReplay?.values() ?? [])].at(-1);
        if (!term) return '';
        const buf = term.buffer.active;
        return Array.from({ length: buf.length }, (_, i) => buf.getLine(i)?.translateToString(true) ?? '').join('\n');
      });
    await expect.poll(replayText, { timeout: 20_000 }).toMatch(/^audit-42$/m);
    expect(await replayText()).toContain('ops@');
    await expect.poll(() => page.getByTestId('replay-play').textContent(), { timeout: 20_000 }).toBe('Play again');
    await keepForReadme(app.screenshot('history'), 'history');
    app.expectNoPageErrors();
  });

  it('chooses the recorded environments and the retention in Settings', async () => {
    const page = app.page;
    await page.getByTestId('nav-settings').click();
    const rec = () => app.host.core.settings.get().recording;
    expect(await page.getByTestId('settings-record-production').isChecked()).toBe(true);
    expect(await page.getByTestId('settings-record-development').isChecked()).toBe(false);
    await page.getByTestId('settings-record-staging').click();
    await expect.poll(() => rec().environments.staging).toBe(true);
    await expect.poll(() => page.getByTestId('settings-record-staging').isChecked()).toBe(true);
    await page.getByTestId('settings-retention').fill('0');
    await page.getByTestId('settings-retention').press('Enter');
    expect(await page.getByTestId('settings-recording').getByRole('alert').textContent()).toContain('from 1 to 3650');
    await page.getByTestId('settings-retention').fill('30');
    await page.getByTestId('settings-retention').press('Enter');
    await expect.poll(() => rec().retentionDays).toBe(30);
    await page.getByTestId('settings-record-staging').click();
    await expect.poll(() => Object.entries(rec().environments).filter(([, on]) => on).map(([e]) => e)).toEqual(['production']);
    expect(rec().retentionDays).toBe(30);
  });

  it('starts a port forward from an instance, carries an HTTP request through it with its traffic shown, and stops it', async () => {
    const page = app.page;
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-search').fill('stg-web-1');
    await page.getByTestId(`instance-${STG}`).click();
    await page.getByTestId('detail-session-port-forward').click();
    await page.getByTestId('forward-remotePort').fill('99999');
    await page.getByTestId('forward-start').click();
    expect(await page.getByTestId('forward-form').getByRole('alert').textContent()).toContain('from 1 to 65535');
    await page.getByTestId('forward-remotePort').fill('80');
    await page.getByTestId('forward-start').click();
    await expect.poll(() => page.getByTestId('sessions-overview').isVisible(), { timeout: 20_000 }).toBe(true);
    const forward = app.host.core.forwards.list().find((f) => f.instanceId === STG)!;
    expect(forward).toMatchObject({ state: 'listening', remotePort: 80, localAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    const row = page.getByTestId(`forward-${forward.forwardId}`);
    expect(await page.getByTestId(`forward-local-${forward.forwardId}`).textContent()).toBe(forward.localAddress);
    expect(await row.textContent()).toContain('stg-web-1:80');

    const res = await httpGet(forward.localPort);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ instanceId: STG, port: 80, path: '/health' });
    await expect.poll(() => page.getByTestId(`forward-traffic-${forward.forwardId}`).textContent(), { timeout: 10_000 }).toMatch(/in [1-9][\d.]* (B|KB).*out [1-9][\d.]* (B|KB)/);
    await keepForReadme(app.screenshot('sessions'), 'sessions');

    await page.getByTestId(`forward-stop-${forward.forwardId}`).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('ended');
    await expect(httpGet(forward.localPort)).rejects.toThrow();
    app.expectNoPageErrors();
  });

  it('restores the open tabs after a reload, asking again before a production one reconnects', async () => {
    const page = app.page;
    await page.reload();
    await page.getByTestId('nav-sessions').click();
    // The development tabs reconnect by themselves…
    await expect.poll(() => page.getByTestId(`tab-state-${DEV}`).textContent(), { timeout: 20_000 }).toBe('live');
    // …the production one waits for a reason.
    expect(await page.getByTestId(`tab-state-${PROD}`).textContent()).toBe('not connected');
    await page.getByTestId(`tab-${PROD}`).click();
    await page.getByTestId(`reopen-${PROD}`).click();
    await expect.poll(() => page.getByTestId('production-confirm').isVisible()).toBe(true);
    await page.getByTestId('production-reason').fill('INC-8 follow-up');
    await page.getByRole('button', { name: 'Open production shell' }).click();
    await expect.poll(() => page.getByTestId(`tab-state-${PROD}`).textContent(), { timeout: 20_000 }).toBe('live');
    const trail = env.emu.world.events.filter((e) => e.eventName === 'StartSession').at(-1)!;
    expect(trail.requestParameters).toMatchObject({ target: PROD, reason: 'INC-8 follow-up' });
  });

  it('restores the open tabs when the host starts again on the same configuration', async () => {
    await app.close();
    restarted = await launchApp({
      configDir,
      createCore: (o) => createCore({ ...o, env: process.env, aws: createAwsFiles(process.env, o.configDir) }),
    });
    const page = restarted.page;
    await page.getByTestId('nav-sessions').click();
    await expect.poll(() => page.locator('[data-testid^="tab-i-"]').count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => page.getByTestId(`tab-state-${DEV}`).textContent(), { timeout: 20_000 }).toBe('live');
    expect(await page.getByTestId(`tab-state-${PROD}`).textContent()).toBe('not connected');
    await pickTab(page, DEV);
    await page.keyboard.type('echo after-restart\n');
    await expect.poll(() => terminalText(page, DEV), { timeout: 15_000 }).toMatch(/^after-restart$/m);
    restarted.expectNoPageErrors();
  });
});
