// The inventory choices of one SSO session (role per account, regions, bastion tag) as React
// state. Changes go through the core, which validates them and starts the refresh they need.
import { useCallback, useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { ErrorValue, Result } from '../../../common/api/errors';
import type { InventoryPreferences } from '../../../common/api/inventory';

export interface PreferencesChange {
  roles?: Record<string, string | null>;
  regions?: string[] | null;
  bastionTag?: { key: string; value: string };
}

export function useInventoryPreferences(client: FumidaiClient, sessionId: string | undefined, onError: (e: ErrorValue) => void) {
  const [preferences, setPreferences] = useState<InventoryPreferences | undefined>(undefined);
  useEffect(() => {
    setPreferences(undefined);
    if (!sessionId) return;
    let alive = true;
    void client.inventory.preferences({ sessionId }).then((r) => {
      if (!alive) return;
      if (r.ok) setPreferences(r.value);
      else onError(r);
    });
    return () => {
      alive = false;
    };
  }, [client, sessionId, onError]);

  /** Returns the result so a form can show a refusal beside the field it concerns. */
  const change = useCallback(
    async (patch: PreferencesChange): Promise<Result<InventoryPreferences>> => {
      if (!sessionId) return { ok: false, code: 'SsoExpired', message: 'Sign in first.' };
      const r = await client.inventory.setPreferences({ sessionId, ...patch });
      if (r.ok) setPreferences(r.value);
      return r;
    },
    [client, sessionId],
  );
  return { preferences, change };
}
