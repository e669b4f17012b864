// The port forwards the core has running (and those that ended in the last minutes), kept current
// from forwards.onDidChange, which carries the traffic counters.
import { useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { ForwardSummary } from '../../../common/api/forwards';

export function useForwards(client: FumidaiClient): ForwardSummary[] {
  const [forwards, setForwards] = useState<ForwardSummary[]>([]);
  useEffect(() => {
    let alive = true;
    const off = client.forwards.onDidChange((f) =>
      setForwards((list) => (list.some((x) => x.forwardId === f.forwardId) ? list.map((x) => (x.forwardId === f.forwardId ? f : x)) : [...list, f])),
    );
    void client.forwards.list().then((r) => {
      if (!alive || !r.ok) return;
      // Events that arrived first are newer than the list.
      setForwards((list) => [...r.value.filter((f) => !list.some((x) => x.forwardId === f.forwardId)), ...list].sort((a, b) => a.startedAt - b.startedAt));
    });
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return forwards;
}
