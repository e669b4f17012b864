// A fumidai://connect link brings one host up in the Instances view: it is selected (search and
// filters cleared so it shows) and its "Open shell" button gets the focus. Opening the shell stays
// the user's click, so production still asks for its reason. If the inventory has finished
// loading without the host, the user is told rather than left wondering.
import { useEffect, useRef } from 'react';
import type { InstanceSummary } from '../../../../common/api/inventory';

export interface RevealRequest {
  accountId: string;
  instanceId: string;
  region?: string;
  /** Bumped per link, so the same link twice reveals twice. */
  seq: number;
}

export function findLinkedInstance<T extends Pick<InstanceSummary, 'accountId' | 'instanceId' | 'region'>>(rows: readonly T[], r: Omit<RevealRequest, 'seq'>): T | undefined {
  return rows.find((i) => i.instanceId === r.instanceId && i.accountId === r.accountId && (!r.region || i.region === r.region));
}

export function useReveal(reveal: RevealRequest | undefined, rows: readonly InstanceSummary[], loaded: boolean, show: (i: InstanceSummary) => void, notFound: (r: RevealRequest) => void): void {
  const handled = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!reveal || handled.current === reveal.seq) return;
    const match = findLinkedInstance(rows, reveal);
    if (match) {
      handled.current = reveal.seq;
      show(match);
    } else if (loaded) {
      handled.current = reveal.seq;
      notFound(reveal);
    }
  }, [reveal, rows, loaded, show, notFound]);
}
