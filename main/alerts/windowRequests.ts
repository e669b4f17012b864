// What the tray and OS notifications ask the window to do (open a tab, focus one), queued until
// the window takes it: a click while the window is closed creates the window, and the new window
// finds the request waiting when it starts.
import type { WindowRequest } from '../../common/api/alerts';
import { Emitter, type Event } from '../../common/event';

const MAX_PENDING = 20;

export class WindowRequests {
  private pending: WindowRequest[] = [];
  private readonly didRequest = new Emitter<{ pending: number }>();
  readonly onDidRequest: Event<{ pending: number }> = this.didRequest.event;

  push(request: WindowRequest): void {
    // A burst of clicks must not replay forever when no window ever takes them.
    this.pending = [...this.pending, request].slice(-MAX_PENDING);
    this.didRequest.fire({ pending: this.pending.length });
  }

  take(): WindowRequest[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}
