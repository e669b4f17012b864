// A tiny typed event emitter (VS Code's Emitter/Event shape): services expose `onDidX` as an
// Event, a function that subscribes a listener and returns its disposer.

export type Disposer = () => void;
export type Event<T> = (listener: (value: T) => void) => Disposer;

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (e) {
        // One failing listener must not stop the others.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
