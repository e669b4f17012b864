// The emulated agent and its service side for bench:ssm, in a process of its own, so the
// client under test and the agent it talks to do not share one event loop (on a real network
// they never do). Speaks to the bench over Node's IPC channel:
//   → { op: 'start' }                 ← { op: 'started', session, streamUrl }
//   → { op: 'resume', sessionId }     ← { op: 'resumed', tokenValue }
//   → { op: 'cpu' }                   ← { op: 'cpu', usage }
// and says { op: 'ready', rootDir } once it listens.
import { startHarness } from '../integration/datachannel/helpers/harness';

async function main(): Promise<void> {
  const h = await startHarness();
  const send = (m: unknown) => process.send?.(m);
  process.on('message', (m: { op: string; sessionId?: string }) => {
    if (m.op === 'start') {
      const { session, streamUrl } = h.start();
      send({ op: 'started', session: { sessionId: session.sessionId, tokenValue: session.tokenValue }, streamUrl });
    } else if (m.op === 'resume') {
      send({ op: 'resumed', tokenValue: h.broker.resumeSession(m.sessionId!).tokenValue });
    } else if (m.op === 'cpu') {
      send({ op: 'cpu', usage: process.cpuUsage() });
    } else if (m.op === 'close') {
      void h.close().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => void h.close().then(() => process.exit(0)));
  send({ op: 'ready', rootDir: h.rootDir });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
