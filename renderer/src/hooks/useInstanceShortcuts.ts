// Favourite and recent hosts as React state, kept live through onDidChangeShortcuts: the core owns
// the lists (the tray and the quick-connect palette read the same ones).
import { useCallback, useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { ErrorValue } from '../../../common/api/errors';
import type { HostRef, InstanceShortcuts } from '../../../common/api/inventory';

export function useInstanceShortcuts(client: FumidaiClient, onError: (e: ErrorValue) => void) {
  const [shortcuts, setShortcuts] = useState<InstanceShortcuts | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void client.inventory.shortcuts().then((r) => {
      if (!alive) return;
      if (r.ok) setShortcuts(r.value);
      else onError(r);
    });
    const off = client.inventory.onDidChangeShortcuts((s) => setShortcuts(s));
    return () => {
      alive = false;
      off();
    };
  }, [client, onError]);

  const setFavorite = useCallback(
    async (host: HostRef, favorite: boolean) => {
      const r = await client.inventory.setFavorite({ host, favorite });
      if (r.ok) setShortcuts(r.value);
      else onError(r);
    },
    [client, onError],
  );
  return { shortcuts, setFavorite };
}
