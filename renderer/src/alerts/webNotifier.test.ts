import { describe, expect, it, vi } from 'vitest';
import { WebNotifier } from './webNotifier';

const presented = { tag: 'fumidai-n7', title: 'Was this you? StartSession in 111111111111', body: 'alice from 203.0.113.9', urgent: true, actions: [{ label: 'Open the event', action: { type: 'open-url' as const, url: 'https://ap-northeast-1.console.aws.amazon.com/cloudtrailv2/home' } }] };

function fakeWebNotification(permission: NotificationPermission) {
  const made: Array<{ title: string; options: NotificationOptions; onclick: (() => void) | null; close: ReturnType<typeof vi.fn> }> = [];
  const N = vi.fn(function (this: unknown, title: string, options: NotificationOptions) {
    const note = { title, options, onclick: null, close: vi.fn() };
    made.push(note);
    return note;
  }) as unknown as ConstructorParameters<typeof WebNotifier>[0];
  Object.assign(N as object, { permission, requestPermission: vi.fn(async () => 'granted') });
  return { N, made };
}

describe('WebNotifier (browser mode)', () => {
  it('shows the worded notification once permitted; a click focuses the window and runs the first action', () => {
    const { N, made } = fakeWebNotification('granted');
    const focus = vi.fn();
    const onAction = vi.fn();
    new WebNotifier(N, focus).show(presented, onAction);
    expect(made[0]).toMatchObject({ title: presented.title, options: { body: presented.body, tag: 'fumidai-n7', requireInteraction: true } });
    made[0]!.onclick!();
    expect(focus).toHaveBeenCalled();
    expect(onAction).toHaveBeenCalledWith(presented.actions[0]!.action);
    expect(made[0]!.close).toHaveBeenCalled();
  });

  it('shows nothing without permission (the notification centre still has it)', () => {
    const { N, made } = fakeWebNotification('default');
    new WebNotifier(N, () => {}).show(presented, () => {});
    expect(made).toHaveLength(0);
  });
});
