// The inventory of one SSO session as React state: the cached copy at once, then rows as each
// account × region is listed (onDidLoadTarget), then the whole snapshot (onDidChange). Updates are
// gathered for a moment before React renders them: 200 listings arriving close together cause a
// handful of renders, not 200 sorts of 20,000 rows.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FumidaiClient } from '../../../../common/api';
import type { ErrorValue } from '../../../../common/api/errors';
import { prepareForSearch } from '../../../../common/inventory/query';
import { EMPTY_STREAM, currentRows, withLoadedTarget, withSnapshot, type StreamedRows } from './instanceListModel';

/**
 * How long updates are gathered before the list re-renders while loading: longer for large
 * inventories, where each render sorts every row (~5 ms per 1,000 rows). 20,000 rows: once a second.
 */
export function batchInterval(rowCount: number): number {
  return Math.max(120, Math.min(1_000, Math.round(rowCount / 20)));
}

export interface RefreshScope {
  accountId?: string;
  region?: string;
}

export function useInventory(client: FumidaiClient, sessionId: string | undefined, onError: (e: ErrorValue) => void) {
  const [stream, setStream] = useState<StreamedRows>(EMPTY_STREAM);

  useEffect(() => {
    setStream(EMPTY_STREAM);
    if (!sessionId) return;
    let alive = true;
    let current = EMPTY_STREAM;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (alive) setStream(current);
    };
    const schedule = (next: StreamedRows) => {
      current = next;
      timer ??= setTimeout(flush, batchInterval(next.snapshot?.instances.length ?? 0));
    };
    void client.inventory.list({ sessionId }).then((r) => {
      if (!alive) return;
      if (!r.ok) return onError(r);
      // An event may have overtaken the answer; it is at least as new.
      if (current.snapshot) return;
      current = withSnapshot(r.value);
      setStream(current);
    });
    const offChange = client.inventory.onDidChange((s) => s.sessionId === sessionId && schedule(withSnapshot(s)));
    const offTarget = client.inventory.onDidLoadTarget((l) => l.sessionId === sessionId && schedule(withLoadedTarget(current, l)));
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      offChange();
      offTarget();
    };
  }, [client, sessionId, onError]);

  const rows = useMemo(() => currentRows(stream), [stream]);
  // Build the search text while the user is still reading, so the first keystroke is as fast as the rest.
  useEffect(() => {
    const id = setTimeout(() => prepareForSearch(rows), 0);
    return () => clearTimeout(id);
  }, [rows]);

  const refresh = useCallback(
    async (scope: RefreshScope = {}) => {
      if (!sessionId) return;
      const r = await client.inventory.refresh({ sessionId, ...scope });
      if (!r.ok) onError(r);
    },
    [client, sessionId, onError],
  );

  return { snapshot: stream.snapshot, progress: stream.progress, rows, refresh };
}
