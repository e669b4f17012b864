import { describe, expect, it } from 'vitest';
import { findLinkedInstance } from './useReveal';

const rows = [
  { accountId: '111111111111', instanceId: 'i-0aaaaaaaaaaaaaaaa', region: 'us-east-1', name: 'a' },
  { accountId: '111111111111', instanceId: 'i-0aaaaaaaaaaaaaaaa', region: 'eu-west-1', name: 'a-eu' },
  { accountId: '222222222222', instanceId: 'i-0bbbbbbbbbbbbbbbb', region: 'us-east-1', name: 'b' },
];

describe('findLinkedInstance', () => {
  it('matches account and instance, and the region when the link names one', () => {
    expect(findLinkedInstance(rows, { accountId: '222222222222', instanceId: 'i-0bbbbbbbbbbbbbbbb' })?.name).toBe('b');
    expect(findLinkedInstance(rows, { accountId: '111111111111', instanceId: 'i-0aaaaaaaaaaaaaaaa', region: 'eu-west-1' })?.name).toBe('a-eu');
  });

  it('finds nothing when the account does not match, even if the instance id does', () => {
    expect(findLinkedInstance(rows, { accountId: '333333333333', instanceId: 'i-0bbbbbbbbbbbbbbbb' })).toBeUndefined();
    expect(findLinkedInstance(rows, { accountId: '222222222222', instanceId: 'i-0bbbbbbbbbbbbbbbb', region: 'ap-northeast-1' })).toBeUndefined();
  });
});
