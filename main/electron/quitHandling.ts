// Quitting waits for the core to dispose — role credentials and SSH keys wiped, terminals closed —
// but never hangs on it: after `timeoutMs` the app exits anyway (the OS reclaims the memory).
import type { App } from 'electron';

export type QuittingApp = Pick<App, 'on' | 'exit'>;

export function disposeBeforeQuit(app: QuittingApp, dispose: () => Promise<void>, log: (m: string) => void = () => {}, timeoutMs = 5_000): void {
  let started = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    if (started) return; // a second quit request while disposing changes nothing
    started = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`shutdown did not finish within ${timeoutMs} ms; quitting anyway`);
        resolve();
      }, timeoutMs);
    });
    void Promise.race([dispose().catch((e: unknown) => log(`shutdown failed: ${e instanceof Error ? e.message : String(e)}`)), timeout]).finally(() => {
      clearTimeout(timer);
      app.exit(0);
    });
  });
}
