// Opening a host from the tray or the palette: through the same terminals store the Instances
// view uses (a new tab: StartSession with the host's role, or SSH through its bastion when the
// agent cannot be reached), asking for a reason first on production hosts. A host Fumidai cannot open yet says what to do instead: sign in, or pick a
// role in the Instances view.
import { useCallback, type ReactElement } from 'react';
import type { FumidaiClient } from '../../../common/api';
import type { QuickConnectTarget } from '../../../common/tray/trayModel';
import { quickConnectRoute } from '../terminals/sshRoute';
import { useTerminals } from '../terminals/terminalsStore';
import { useReasonPrompt } from '../components/useReasonPrompt';

export type QuickConnectOutcome = 'opened' | 'needs-sign-in' | 'needs-role' | 'asking-reason';

export function useQuickConnect(client: FumidaiClient, onOpened: () => void): { connect: (target: QuickConnectTarget) => QuickConnectOutcome; dialog: ReactElement | null } {
  const terminals = useTerminals();
  const open = useCallback(
    (target: QuickConnectTarget, reason?: string) => {
      const { host, ssoSessionId } = target;
      onOpened();
      // A host without a reachable agent (behind a bastion) opens over SSH, as its detail panel
      // offers; the inventory decides. Unknown to the inventory: a Session Manager shell, as before.
      void client.inventory.detail({ sessionId: ssoSessionId!, instanceId: host.instanceId }).then((r) => {
        const ssh = r.ok ? quickConnectRoute(r.value) : undefined;
        terminals.open({ ssoSessionId: ssoSessionId!, instance: { ...host, roleName: host.roleName! }, ...(ssh ? { ssh } : {}), ...(reason ? { reason } : {}) });
      });
    },
    [client, terminals, onOpened],
  );
  const prompt = useReasonPrompt((target: QuickConnectTarget) => target.host, open);
  const connect = (target: QuickConnectTarget): QuickConnectOutcome => {
    if (!target.ssoSessionId) return 'needs-sign-in';
    if (!target.host.roleName) return 'needs-role';
    return prompt.request(target) ? 'asking-reason' : 'opened';
  };
  return { connect, dialog: prompt.dialog };
}
