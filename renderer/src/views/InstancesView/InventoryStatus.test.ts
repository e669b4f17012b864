import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { InventorySnapshot } from '../../../../common/api/inventory';
import { InventoryStatus, formatAge } from './InventoryStatus';
import { batchInterval } from './useInventory';

describe('formatAge', () => {
  it('says how old the shown inventory is, in the UI language', () => {
    expect(formatAge(10_000, 'en')).toBe('now');
    expect(formatAge(3 * 60_000, 'en')).toBe('3 minutes ago');
    expect(formatAge(60_000, 'en')).toBe('1 minute ago');
    expect(formatAge(5 * 3_600_000, 'en')).toBe('5 hours ago');
    expect(formatAge(3 * 86_400_000, 'en')).toBe('3 days ago');
    expect(formatAge(3 * 60_000, 'ja')).toBe('3 分前');
  });

  it('never says "in …" for a clock a little ahead', () => {
    expect(formatAge(-5_000, 'en')).toBe('now');
  });
});

describe('batchInterval', () => {
  it('re-renders small lists promptly and large ones about once a second while they load', () => {
    expect(batchInterval(0)).toBe(120);
    expect(batchInterval(1_000)).toBe(120);
    expect(batchInterval(10_000)).toBe(500);
    expect(batchInterval(20_000)).toBe(1_000);
    expect(batchInterval(200_000)).toBe(1_000);
  });
});

describe('InventoryStatus', () => {
  const render = (snapshot: InventorySnapshot, progress?: { done: number; total: number }) =>
    renderToStaticMarkup(createElement(InventoryStatus, { snapshot, progress, onRefresh: () => {} }));
  const denied = { accountId: '777777777777', accountName: 'legacy-old', roleName: 'BillingOnly', code: 'AccessDenied', message: 'not authorized to perform: ec2:DescribeInstances' };

  it('shows a cached inventory with its age while it is refreshed, and the refresh under way', () => {
    const html = render({ sessionId: 'acme', instances: [], loading: true, errors: [], fromCache: true, fetchedAt: Date.now() - 3 * 60_000 }, { done: 12, total: 200 });
    expect(html).toContain('Cached 3 minutes ago');
    expect(html).toContain('Listing 12 of 200 account × region…');
    expect(html).toContain('role="progressbar"');
    expect(html).toMatch(/data-testid="instances-refresh"[^>]*>Refresh all/);
  });

  it('gives each denied account one line with its regions, AWS’s words and a retry', () => {
    const html = render({ sessionId: 'acme', instances: [], loading: false, errors: [{ ...denied, region: 'ap-northeast-1' }, { ...denied, region: 'us-west-2' }], fetchedAt: Date.now() });
    expect(html.match(/data-testid="account-error-/g)).toHaveLength(1);
    expect(html).toContain('AccessDenied in ap-northeast-1, us-west-2');
    expect(html).toContain('not authorized to perform: ec2:DescribeInstances');
    expect(html).toContain('Retry this account');
    expect(html).toContain('Updated now');
    expect(html).not.toContain('progressbar');
  });
});
