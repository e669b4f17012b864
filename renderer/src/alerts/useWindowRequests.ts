// Takes what the tray or an OS notification asked the window to do — at start (a click may have
// created this window) and whenever the core says more is waiting — and hands each to `handle`.
import { useEffect, useRef } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { WindowRequest } from '../../../common/api/alerts';

export function useWindowRequests(client: FumidaiClient, ready: boolean, handle: (r: WindowRequest) => void) {
  const handler = useRef(handle);
  handler.current = handle;
  useEffect(() => {
    if (!ready) return;
    const take = () => void client.alerts.takeRequests().then((r) => r.ok && r.value.forEach((req) => handler.current(req)));
    take();
    return client.alerts.onDidRequest(take);
  }, [client, ready]);
}
