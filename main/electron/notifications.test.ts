import { describe, expect, it, vi } from 'vitest';
import { ElectronNotifier, type NotificationClass } from './notifications';

function fakeNotification(supported = true) {
  const made: Array<{ options: Record<string, unknown>; handlers: Map<string, (...a: unknown[]) => void>; show: ReturnType<typeof vi.fn> }> = [];
  const N = vi.fn(function (this: unknown, options: Record<string, unknown>) {
    const handlers = new Map<string, (...a: unknown[]) => void>();
    const note = { options, handlers, show: vi.fn(), on: (e: string, h: (...a: unknown[]) => void) => handlers.set(e, h) };
    made.push(note);
    return note;
  }) as unknown as NotificationClass;
  N.isSupported = () => supported;
  return { N, made };
}

const presented = { tag: 'fumidai-n1', title: 'Sign-in to acme expired', body: 'Sign in again…', urgent: false, actions: [{ label: 'Sign in again', action: { type: 'sign-in' as const, sessionId: 'acme' } }] };

describe('ElectronNotifier', () => {
  it('shows the notification; a click runs the first action', () => {
    const { N, made } = fakeNotification();
    const onAction = vi.fn();
    new ElectronNotifier(N, 'linux').show(presented, onAction);
    expect(made[0]!.options).toMatchObject({ title: 'Sign-in to acme expired', body: 'Sign in again…', urgency: 'normal' });
    expect(made[0]!.options.actions).toBeUndefined();
    expect(made[0]!.show).toHaveBeenCalled();
    made[0]!.handlers.get('click')!();
    expect(onAction).toHaveBeenCalledWith({ type: 'sign-in', sessionId: 'acme' });
  });

  it('macOS gets buttons, and a button runs its action', () => {
    const { N, made } = fakeNotification();
    const onAction = vi.fn();
    new ElectronNotifier(N, 'darwin').show({ ...presented, urgent: true }, onAction);
    expect(made[0]!.options).toMatchObject({ actions: [{ type: 'button', text: 'Sign in again' }], silent: false });
    made[0]!.handlers.get('action')!({}, 0);
    expect(onAction).toHaveBeenCalledWith({ type: 'sign-in', sessionId: 'acme' });
  });

  it('says so in the log when the OS has no notifications', () => {
    const { N, made } = fakeNotification(false);
    const log = vi.fn();
    new ElectronNotifier(N, 'linux', log).show(presented, () => {});
    expect(made).toHaveLength(0);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('not supported'));
  });
});
