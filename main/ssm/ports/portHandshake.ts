// The start of every port session (forwarding and SSH alike): the agent's HandshakeRequest must
// name the Port session type, and its HandshakeComplete says the agent is ready for our bytes.
import type { DataChannelClient, HandshakeInfo } from '../client/dataChannelClient';
import { FumidaiError } from '../../../common/api/errors';

/** The agent waits 15 s for our HandshakeResponse; we allow the whole handshake a little more. */
export const PORT_HANDSHAKE_TIMEOUT_MS = 20_000;

/** Resolves with what the agent announced once the handshake is complete; subscribe before `open()`. */
export function waitForPortHandshake(channel: DataChannelClient): Promise<HandshakeInfo> {
  return new Promise<HandshakeInfo>((resolve, reject) => {
    let info: HandshakeInfo | undefined;
    const timer = setTimeout(() => done(new FumidaiError('Network', `The agent did not complete the port session's handshake within ${PORT_HANDSHAKE_TIMEOUT_MS / 1000} s.`)), PORT_HANDSHAKE_TIMEOUT_MS);
    timer.unref?.();
    const disposers = [
      channel.onDidHandshake((h) => {
        info = h;
        if (h.sessionType !== 'Port') done(new FumidaiError('InvalidRequest', `The session is of type ${h.sessionType ?? 'unknown'}, not a port session.`));
      }),
      channel.onDidCompleteHandshake(() => (info ? done(undefined, info) : undefined)),
      channel.onDidEnd((end) => done(new FumidaiError(end.error?.code ?? 'Network', end.error?.message ?? end.output ?? 'The port session ended before it started.'))),
    ];
    function done(error: Error | undefined, value?: HandshakeInfo): void {
      clearTimeout(timer);
      for (const d of disposers) d();
      if (error) reject(error);
      else resolve(value!);
    }
  });
}
