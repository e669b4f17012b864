// The SSH keys the vault holds (metadata only), kept current from keys.onDidChange, with the
// difference between main's clock and ours so countdowns agree with when main will wipe a key.
import { useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { KeyInfo, KeysSnapshot } from '../../../common/api/keys';

export interface HeldKeys {
  keys: KeyInfo[];
  /** Add to Date.now() to get main's clock. */
  clockOffset: number;
}

export function useKeys(client: FumidaiClient): HeldKeys {
  const [held, setHeld] = useState<HeldKeys>({ keys: [], clockOffset: 0 });
  useEffect(() => {
    let alive = true;
    let seenEvent = false;
    const apply = (s: KeysSnapshot) => setHeld({ keys: s.keys, clockOffset: s.now - Date.now() });
    const off = client.keys.onDidChange((s) => {
      seenEvent = true;
      apply(s);
    });
    void client.keys.list().then((r) => {
      // An event that arrived first is newer than the list.
      if (alive && r.ok && !seenEvent) apply(r.value);
    });
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return held;
}

/** Re-renders every second while `active`, returning the current time. */
export function useSecondTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
