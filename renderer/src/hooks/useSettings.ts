// Settings as React state: loaded through the contract, updated optimistically, kept in sync with
// changes made elsewhere (another window, the tray) through onDidChange.
import { useCallback, useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { Settings, SettingsPatch } from '../../../common/api/settings';
import type { ErrorValue } from '../../../common/api/errors';

export function useSettings(client: FumidaiClient) {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [error, setError] = useState<ErrorValue | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    void client.settings.get().then((r) => {
      if (!alive) return;
      if (r.ok) setSettings(r.value);
      else setError(r);
    });
    const off = client.settings.onDidChange((s) => setSettings(s));
    return () => {
      alive = false;
      off();
    };
  }, [client]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      const r = await client.settings.update(patch);
      if (r.ok) {
        setSettings(r.value);
        setError(undefined);
      } else setError(r);
      return r;
    },
    [client],
  );

  const clearError = useCallback(() => setError(undefined), []);
  return { settings, error, update, clearError };
}
