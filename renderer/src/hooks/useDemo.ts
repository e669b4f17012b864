// The demo's state (off, starting, on, failed) as React state, kept live through onDidChangeDemo.
import { useEffect, useState } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { DemoStatus } from '../../../common/api/setup';

export function useDemo(client: FumidaiClient): DemoStatus | undefined {
  const [status, setStatus] = useState<DemoStatus | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void client.setup.demoStatus().then((r) => alive && r.ok && setStatus(r.value));
    const off = client.setup.onDidChangeDemo((s) => setStatus(s));
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return status;
}
