// An SsmSessionApi backed by the emulator's broker (no AWS, no control plane), so the product's
// session code runs unchanged against the emulated agent.
import type { SsmSessionApi } from '../../../../main/ssm/ssmApi';
import type { Harness } from '../../datachannel/helpers/harness';

export function harnessApi(h: Harness, rewriteUrl: (url: string) => string = (u) => u): SsmSessionApi & { terminated: string[] } {
  const terminated: string[] = [];
  return {
    terminated,
    async start({ documentName, parameters }) {
      const { session, streamUrl } = h.start(documentName, parameters ?? {});
      return { sessionId: session.sessionId, streamUrl: rewriteUrl(streamUrl), tokenValue: session.tokenValue };
    },
    async resume(sessionId) {
      try {
        return h.broker.resumeSession(sessionId).tokenValue;
      } catch {
        return undefined;
      }
    },
    async terminate(sessionId) {
      terminated.push(sessionId);
      h.broker.terminateSession(sessionId);
    },
  };
}
