// The Instances view against the landing zone, as a person uses it: rows with their access route,
// a denied account reported on its own line while the rest stay, mistakes in the search shown
// under the box, filters, keyboard selection, the detail panel (tags, route explanation, sessions
// or why not), favourites and recents kept by the core, a role chosen per account — and AWS's
// refusal shown in the panel when that role may not start a session. Regions and the bastion tag
// are set in Settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../emulator/fixture/load';
import { withDeniedAccounts } from '../helpers/deniedAccounts';
import { signIn, startAppWithEmulator, type AppWithEmulator } from './appWithEmulator';
import { keepForReadme } from './harness';


let env: AppWithEmulator;

beforeAll(async () => {
  // legacy-old denied everywhere; log-archive may list EC2 but not Systems Manager (log-shipper).
  const fixture = withDeniedAccounts(loadFixture());
  env = await startAppWithEmulator({ emulator: { fixture }, extraConfig: '\n[default]\nregion = us-west-2\n' });
}, 180_000);
afterAll(() => env?.close());

/** Each test starts from the whole list (a failed one must not leave its filters behind). */
async function resetList(): Promise<void> {
  const page = env.app.page;
  if (!(await page.getByTestId('instances-search').isVisible())) await page.getByTestId('nav-instances').click();
  await page.getByTestId('instances-search').fill('');
  if (await page.getByTestId('filters-clear').isVisible()) await page.getByTestId('filters-clear').click();
}

const rowIds = () => env.app.page.locator('[data-testid^="instance-i-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('instance-'.length)));

describe('Instances view', () => {
  it('lists the instances of every account and region once signed in', async () => {
    await signIn(env);
    await env.app.page.getByTestId('nav-instances').click();
    await expect.poll(() => env.app.page.getByTestId('instance-i-0a11111111111111a').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => env.app.page.getByTestId('inventory-progress').count(), { timeout: 30_000 }).toBe(0);
    expect(await env.app.page.getByTestId('route-i-0c33333333333333d').textContent()).toBe('SSH via bastion');
    // Each row offers the way in its route allows: a shell over Session Manager, or SSH through the bastion.
    expect(await env.app.page.getByTestId('open-ssh-i-0c33333333333333d').textContent()).toBe('SSH');
    expect(await env.app.page.getByTestId('open-shell-i-0c33333333333333d').count()).toBe(0);
    expect(await env.app.page.getByTestId('open-ssh-i-0c33333333333333a').count()).toBe(0);
  });

  it('reports a denied account on its own line, with AWS’s message, and keeps every other row', async () => {
    const page = env.app.page;
    const denied = page.getByTestId('account-error-777777777777');
    expect(await denied.textContent()).toMatch(/legacy-old.*AccessDenied in ap-northeast-1, us-west-2.*not authorized to perform/);
    // The SSM-only denial: its rows are there, and the account has its own line too.
    expect(await page.getByTestId('account-error-666666666666').textContent()).toContain('ssm:DescribeInstanceInformation');
    expect(await page.getByTestId('instance-i-0f66666666666666a').isVisible()).toBe(true);
    expect(await page.getByTestId('inventory-age').textContent()).toMatch(/^Updated /);
    // Every account × region, with a refresh of one account.
    await page.getByTestId('inventory-sources').locator('summary').click();
    await expect.poll(() => page.getByTestId('source-111111111111').textContent()).toMatch(/acme-prod.*\d+ instances/);
    const fetchedAt = async (cell: string) => Number(await page.getByTestId(`source-${cell}`).getAttribute('data-fetched-at'));
    const before = { devTokyo: await fetchedAt('333333333333-ap-northeast-1'), prodTokyo: await fetchedAt('111111111111-ap-northeast-1'), prodOregon: await fetchedAt('111111111111-us-west-2') };
    await page.getByTestId('refresh-account-333333333333').click();
    await expect.poll(() => page.getByTestId('inventory-progress').count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('instance-i-0c33333333333333a').isVisible()).toBe(true);
    await page.getByTestId('refresh-region-us-west-2').click();
    await expect.poll(() => page.getByTestId('inventory-progress').count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('instance-i-0c33333333333333e').isVisible()).toBe(true);
    // Each refresh listed only what it was asked for.
    await expect.poll(() => fetchedAt('333333333333-ap-northeast-1')).toBeGreaterThan(before.devTokyo);
    await expect.poll(() => fetchedAt('111111111111-us-west-2')).toBeGreaterThan(before.prodOregon);
    expect(await fetchedAt('111111111111-ap-northeast-1')).toBe(before.prodTokyo);
    await page.getByTestId('inventory-sources').locator('summary').click();
  });

  it('shows mistakes in the search under the box and still searches the rest', async () => {
    await resetList();
    const page = env.app.page;
    await page.getByTestId('instances-search').fill('route:sssm dev-app');
    await expect.poll(() => page.getByTestId('search-problems').textContent()).toContain('route:sssm is not a route');
    expect(await rowIds()).toEqual(['i-0c33333333333333a', 'i-0c33333333333333b']);
    await page.getByTestId('instances-search').fill('tag:Environment=production -route:ssm');
    expect(await page.getByTestId('search-problems').count()).toBe(0);
    // The production hosts Session Manager cannot reach: no agent, and an agent that lost its connection.
    await expect.poll(async () => (await rowIds()).sort()).toEqual(['i-0a11111111111111d', 'i-0a11111111111111f']);
    await page.getByTestId('instances-search').fill('');
  });

  it('combines filters for environment, state, access and region, and sorts by a column', async () => {
    await resetList();
    const page = env.app.page;
    await page.getByTestId('filter-environment').selectOption('development');
    await page.getByTestId('filter-route').selectOption('bastion');
    await expect.poll(rowIds).toEqual(['i-0c33333333333333d']);
    await page.getByTestId('filters-clear').click();
    await page.getByTestId('filter-region').selectOption('us-west-2');
    await expect.poll(async () => (await rowIds()).sort()).toEqual(['i-0a11111111111111e', 'i-0c33333333333333e']);
    await page.getByTestId('filter-region').selectOption('');
    await page.getByTestId('filter-state').selectOption('stopped');
    await expect.poll(rowIds).toEqual(['i-0b22222222222222b']);
    await page.getByTestId('filters-clear').click();
    await page.getByTestId('instances-search').fill('dev-');
    await page.getByTestId('sort-privateIp').click();
    await expect.poll(async () => (await rowIds()).slice(0, 2)).toEqual(['i-0c33333333333333c', 'i-0c33333333333333a']); // 10.40.0.5, 10.40.1.11
    await page.getByTestId('sort-name').click();
    await page.getByTestId('instances-search').fill('');
  });

  it('moves through the list with the keyboard; the detail panel follows and explains the route', async () => {
    await resetList();
    const page = env.app.page;
    await page.getByTestId('instances-search').fill('dev-');
    await page.getByTestId('instances-search').press('ArrowDown');
    const grid = page.getByTestId('instance-grid');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('instance-grid');
    await expect.poll(() => page.getByTestId('instance-detail').locator('h2').textContent()).toBe('dev-app-1');
    await grid.press('End');
    await expect.poll(() => page.getByTestId('instance-detail').locator('h2').textContent()).toBe('dev-windows-1');
    await grid.press('ArrowUp');
    await expect.poll(() => page.getByTestId('instance-detail').locator('h2').textContent()).toBe('dev-oregon-1');
    await grid.press('Escape');
    await expect.poll(() => page.getByTestId('instance-detail').count()).toBe(0);

    // A host without the agent, behind the bastion: no shell, the reason, and SSH through the bastion.
    await page.getByTestId('instance-i-0c33333333333333d').click();
    const detail = page.getByTestId('instance-detail');
    await expect.poll(() => detail.getByTestId('detail-route').textContent()).toContain('Bastion in vpc-');
    expect(await detail.getByTestId('detail-tags').textContent()).toContain('Rolelegacy');
    expect(await detail.getByTestId('detail-session-shell').isDisabled()).toBe(true);
    expect(await detail.getByTestId('session-shell').textContent()).toContain('Session Manager needs the SSM agent online; no agent is registered with Systems Manager in this account and region.');
    expect(await detail.getByTestId('session-ssh').textContent()).toContain('SSH via dev-bastion');
    expect(await detail.getByTestId('detail-open-ssh').isEnabled()).toBe(true);
    // Without the agent, SSH over Session Manager is not offered.
    expect(await detail.getByTestId('detail-open-ssh-ssm').count()).toBe(0);
    // A running host with the agent: a shell button, and the port-forward command for a terminal.
    await page.getByTestId('instance-i-0c33333333333333a').click();
    await expect.poll(() => detail.getByTestId('detail-open-shell').isVisible()).toBe(true);
    expect(await detail.getByTestId('session-port-forward').textContent()).toContain('fumidai forward i-0c33333333333333a --remote-port PORT --account 333333333333');
    // The SSM-only denial shows in the panel of the host it concerns.
    await page.getByTestId('instances-search').fill('log-shipper');
    await page.getByTestId('instance-i-0f66666666666666a').click();
    await expect.poll(() => detail.getByTestId('detail-denial').textContent()).toMatch(/refused ssm:DescribeInstanceInformation for role Ec2Viewer/);
    await page.getByTestId('instances-search').fill('');
    env.app.expectNoPageErrors();
  });

  it('explains the route and the sessions in Japanese when the window is in Japanese', async () => {
    await resetList();
    const page = env.app.page;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-language').selectOption('ja');
    try {
      await expect.poll(() => page.getByTestId('nav-instances').textContent()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      await page.getByTestId('nav-instances').click();
      // Behind the bastion, without the agent: every step and reason comes from the Japanese catalog.
      await page.getByTestId('instance-i-0c33333333333333d').click();
      const detail = page.getByTestId('instance-detail');
      await expect.poll(() => detail.getByTestId('detail-route').textContent(), { timeout: 20_000 }).toContain('経路: 踏み台 dev-bastion 経由の SSH。');
      const route = (await detail.getByTestId('detail-route').textContent())!;
      expect(route).toContain('状態: 実行中。');
      // The state itself, in the facts and in the row, as the AWS console says it.
      expect(await detail.locator('.detail__facts').textContent()).toContain('実行中');
      expect(await page.getByTestId('instance-i-0c33333333333333d').textContent()).toContain('実行中');
      expect(route).toContain('SSM エージェント: このアカウントとリージョンの Systems Manager に登録されていません。');
      expect(route).toMatch(/vpc-\w+ の踏み台: dev-bastion（i-\w+/);
      expect(route).not.toMatch(/State:|Bastion in|Route:/);
      expect(await detail.getByTestId('session-shell').textContent()).toContain('Session Manager を使うには SSM エージェントがオンラインである必要があります。');
      expect(await detail.getByTestId('session-ssh').textContent()).toContain('dev-bastion 経由の SSH');
      // With the agent online: its version and when it last reported, "… 秒前" rather than "… seconds ago".
      await page.getByTestId('instance-i-0c33333333333333a').click();
      await expect.poll(() => detail.getByTestId('detail-route').textContent(), { timeout: 20_000 }).toMatch(/SSM エージェント: オンライン（バージョン [\d.]+、最終応答 \d+ (秒|分)前）。/);
      expect(await detail.getByTestId('detail-route').textContent()).toContain('経路: SSM エージェント経由の Session Manager。');
      await env.app.screenshot('instances-detail-japanese');
      // A search mistake is explained in Japanese too.
      await page.getByTestId('instances-search').fill('route:sssm');
      await expect.poll(() => page.getByTestId('search-problems').textContent()).toContain('route:sssm という接続方法はありません。');
      await page.getByTestId('instances-search').fill('');
    } finally {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-language').selectOption('en');
      await expect.poll(() => page.getByTestId('nav-instances').textContent()).toBe('Instances');
    }
  });

  it('keeps favourites and recents in the core, across a reload', async () => {
    await resetList();
    const page = env.app.page;
    await page.getByTestId('star-i-0a11111111111111a').click();
    await page.getByTestId('show-favorites').click();
    await expect.poll(rowIds).toEqual(['i-0a11111111111111a']);
    // Recents: a shell opened on a host puts it at the top, wherever it was opened from.
    await page.getByTestId('show-all').click();
    await page.getByTestId('instances-search').fill('dev-app-2');
    await page.getByTestId('open-shell-i-0c33333333333333b').click();
    await expect.poll(() => page.getByTestId('view-title').textContent()).toMatch(/sessions/i);
    await expect.poll(() => page.getByTestId('tab-state-i-0c33333333333333b').textContent(), { timeout: 20_000 }).toBe('live');
    // The core holds both lists (the tray reads the same store).
    const kept = await env.app.host.core.shortcuts.get();
    expect(kept.favorites).toEqual([expect.objectContaining({ instanceId: 'i-0a11111111111111a', name: 'prod-web-1', accountId: '111111111111', roleName: 'ProductionOperator' })]);
    expect(kept.recents[0]).toMatchObject({ instanceId: 'i-0c33333333333333b', name: 'dev-app-2', accountName: 'acme-dev', roleName: 'AdministratorAccess' });
    await page.getByTestId('nav-instances').click();
    await page.reload();
    await expect.poll(() => page.getByTestId('instance-rows').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByTestId('show-recents').click();
    await expect.poll(rowIds, { timeout: 20_000 }).toEqual(['i-0c33333333333333b']);
    await page.getByTestId('show-favorites').click();
    await expect.poll(rowIds).toEqual(['i-0a11111111111111a']);
    await page.getByTestId('show-all').click();
  });

  it('lists an account again with the role the user chooses, and shows AWS’s refusal when that role may not connect', async () => {
    await resetList();
    const page = env.app.page;
    await page.getByTestId('instances-search').fill('prod-web-1');
    await page.getByTestId('instance-i-0a11111111111111a').click();
    const detail = page.getByTestId('instance-detail');
    await expect.poll(() => detail.getByTestId('detail-role').isVisible()).toBe(true);
    expect(await detail.locator('.field__hint').first().textContent()).toContain('ProductionOperator');
    await detail.getByTestId('detail-role').selectOption('ReadOnly');
    await expect.poll(() => detail.locator('.field__hint').first().textContent(), { timeout: 20_000 }).toContain('Listed and connected with ReadOnly');
    await expect.poll(() => detail.getByTestId('detail-route').textContent()).toContain('looks read-only');
    // The production question, then AWS's answer in the panel.
    await detail.getByTestId('detail-open-shell').click();
    await page.getByTestId('production-reason').fill('INC-7 check disk');
    await page.getByRole('button', { name: 'Open production shell' }).click();
    await expect.poll(() => page.getByTestId('view-title').textContent()).toMatch(/sessions/i);
    await page.getByTestId('nav-instances').click();
    await page.getByTestId('instances-search').fill('prod-web-1');
    await page.getByTestId('instance-i-0a11111111111111a').click();
    await expect.poll(() => page.getByTestId('detail-denial').textContent(), { timeout: 20_000 }).toMatch(/refused ssm:StartSession for role ReadOnly:.*not authorized to perform: ssm:StartSession/);
    // Back to the default (the most privileged role).
    await page.getByTestId('detail-role').selectOption('');
    await expect.poll(() => detail.locator('.field__hint').first().textContent(), { timeout: 20_000 }).toContain('ProductionOperator');
  });

  it('shows the Instances view with the detail panel (the README screenshot)', async () => {
    await resetList();
    const page = env.app.page;
    for (const dismiss of await page.locator('.toast__dismiss').all()) await dismiss.click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('instance-i-0c33333333333333a').click();
    await expect.poll(() => page.getByTestId('detail-route').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('detail-open-shell').isVisible()).toBe(true);
    await keepForReadme(env.app.screenshot('instances-detail'), 'instances');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('sets the regions searched and the bastion tag in Settings, refusing what is not a region', async () => {
    await resetList();
    const page = env.app.page;
    await page.getByTestId('nav-settings').click();
    const regions = page.getByTestId('settings-regions');
    await expect.poll(() => regions.inputValue()).toBe('ap-northeast-1, us-west-2');
    await regions.fill('ap-northeast-1, tokyo');
    await page.getByTestId('settings-inventory-save').click();
    await expect.poll(() => page.getByTestId('settings-inventory').getByRole('alert').textContent()).toContain('Not an AWS region: tokyo');
    await regions.fill('ap-northeast-1');
    await page.getByTestId('settings-bastion-value').fill('jump');
    await page.getByTestId('settings-inventory-save').click();
    await expect.poll(() => page.getByTestId('settings-inventory').getByRole('status').textContent()).toContain('Saved');
    await page.getByTestId('nav-instances').click();
    // Only Tokyo now, and no bastion is tagged Role=jump: the no-agent host has no route.
    await expect.poll(() => page.getByTestId('instance-i-0c33333333333333e').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('route-i-0c33333333333333d').textContent(), { timeout: 20_000 }).toBe('Unreachable');
    env.app.expectNoPageErrors();
  });
});
