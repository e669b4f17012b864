// Fault soak: 8 SSM shells and 2 port forwards at once, through the emulator (loopback only), for
// `--minutes` (default 5), while the network and the service misbehave:
//   - data channel: dropped, duplicated, reordered and delayed frames (latency spikes) in both
//     directions, and every connection's socket killed after a while (so sessions keep resuming);
//   - control plane: SSM API calls throttled and slowed (StartSession, ResumeSession);
//   - the emulator's clock jumps past the SSO token's and the role credentials' expiry twice, so
//     resumes need a refreshed token and fresh credentials mid-run.
// Every byte is checked: each shell round the instance writes random bytes and their SHA-256, the
// client hashes what arrived; each forward round trips random bytes through the echo service. A
// session that ends early must have said why (an error the user would see), never silently.
// Heap is sampled at the start and end.
//
//   npm run soak [-- --minutes 5] [--seed N] [--out file.json]
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { SSOOIDCClient, CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { startEmulator, type Emulator } from '../../emulator';
import { FaultPlan } from '../../emulator/faults';
import { signInWithDeviceCode } from '../helpers/emulatorSignIn';
import { createPortalApi } from '../../main/auth/portal';
import { RoleCredentialsService } from '../../main/accounts/roleCredentials';
import { createSsmSessionApi, type SsmSessionApi } from '../../main/ssm/ssmApi';
import { DataChannelClient, type ChannelEnd } from '../../main/ssm/client/dataChannelClient';
import { ShellSession } from '../../main/ssm/client/shellSession';
import { PortForwardSession } from '../../main/ssm/ports/portForwardSession';

const TARGET = 'i-0c33333333333333a'; // dev-app-1: a shell and the echo service on port 7
const ACCOUNT = '333333333333';
const ROLE = 'Developer';
const REGION = 'ap-northeast-1';

export interface SoakOptions {
  minutes: number;
  shells?: number;
  forwards?: number;
  seed?: number;
  log?: (m: string) => void;
}

export interface SoakReport {
  date: string;
  minutes: number;
  seed: number;
  node: string;
  faults: Record<string, unknown>;
  shells: Array<{ rounds: number; bytesVerified: number; reconnects: number; retransmissions: number; ended?: string }>;
  forwards: Array<{ rounds: number; bytesVerified: number; ended?: string }>;
  totals: { bytesVerified: number; rounds: number; reconnects: number; socketKills: number; framesDropped: number; framesDuplicated: number; framesReordered: number; apiThrottled: number; tokenRefreshes: number; credentialFetches: number; clockJumps: number };
  heap: { startMB: number; endMB: number; peakMB: number; gcExposed: boolean };
  /** Digest mismatches, silent losses, stalls: must be empty. */
  failures: string[];
  /** Sessions that ended early but told the user why (counted, allowed). */
  toldEnds: string[];
  ok: boolean;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (n: number) => Number((n / 1024 / 1024).toFixed(1));

function heapNow(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const minutes = options.minutes;
  const seed = options.seed ?? 11_2026;
  const log = options.log ?? (() => {});
  const durationMs = minutes * 60_000;
  const killEveryMs = Math.max(10_000, Math.min(40_000, durationMs / 6));
  const lossy = { dropRate: 0.02, duplicateRate: 0.02, reorderRate: 0.02, delayRate: 0.005, delayMs: 400 };
  const faults = {
    dataChannel: { seed, toClient: lossy, toAgent: lossy, killSockets: Array.from({ length: Math.ceil(durationMs / killEveryMs) + 5 }, () => ({ afterMs: killEveryMs })) },
    api: { throttleRate: 0.15, latencyMs: { ssm: 30 }, services: ['ssm'], seed },
    clockJumpsMs: [3_700_000, 3_700_000],
  };
  // Count what the emulator did (its own log lines, and its throttling decisions).
  const counts = { socketKills: 0, framesDropped: 0, framesDuplicated: 0, framesReordered: 0, apiThrottled: 0, tokenRefreshes: 0, credentialFetches: 0, clockJumps: 0 };
  const decide = FaultPlan.prototype.decide;
  FaultPlan.prototype.decide = function (this: FaultPlan, service: string) {
    const d = decide.call(this, service);
    if (d === 'throttle') counts.apiThrottled += 1;
    return d;
  };
  const emuLog = (m: string) => {
    if (m.includes('fault injection kills the socket')) counts.socketKills += 1;
    const f = /to client: \d+ frames, (\d+) dropped, (\d+) duplicated, (\d+) reordered/.exec(m);
    if (f) {
      counts.framesDropped += Number(f[1]);
      counts.framesDuplicated += Number(f[2]);
      counts.framesReordered += Number(f[3]);
    }
  };
  const savedEndpoint = process.env.AWS_ENDPOINT_URL;
  let emu: Emulator | undefined;
  const failures: string[] = [];
  const toldEnds: string[] = [];
  const closers: Array<() => Promise<void>> = [];
  let peak = 0;
  try {
    emu = await startEmulator({ ssh: false, dataChannelFaults: faults.dataChannel, faults: faults.api, log: emuLog });
    process.env.AWS_ENDPOINT_URL = emu.endpoint;
    const e = emu;
    // The SSO token, refreshed the way the app does when the emulator's clock says it expired.
    const signed = await signInWithDeviceCode(e);
    let token = { value: signed.accessToken, refresh: signed.refreshToken, expiresAt: e.clock.now() + 3_600_000 };
    const oidc = new SSOOIDCClient({ region: e.region });
    const accessToken = async () => {
      if (e.clock.now() > token.expiresAt - 60_000) {
        const out = await oidc.send(new CreateTokenCommand({ clientId: signed.clientId, clientSecret: signed.clientSecret, grantType: 'refresh_token', refreshToken: token.refresh }));
        token = { value: out.accessToken!, refresh: out.refreshToken ?? token.refresh, expiresAt: e.clock.now() + (out.expiresIn ?? 3600) * 1000 };
        counts.tokenRefreshes += 1;
      }
      return token.value;
    };
    const portal = createPortalApi(e.region);
    const credentials = new RoleCredentialsService({ accessToken, portalFor: () => portal, now: () => e.clock.now() });
    credentials.onDidIssue(() => (counts.credentialFetches += 1));
    // The SDK keeps credentials until 5 minutes before they expire by the real clock. The emulator's
    // clock jumps instead of waiting an hour, so the SDK is told they expire in 5 minutes and 2
    // seconds: it asks the app's provider again every few seconds, and the provider (which reads the
    // emulator's clock) decides whether they are still good, as it would after a real hour.
    const provider = credentials.provider('soak', ACCOUNT, ROLE);
    const realClockProvider = async () => ({ ...(await provider()), expiration: new Date(Date.now() + 302_000) });
    const api: SsmSessionApi = createSsmSessionApi(REGION, realClockProvider);

    const deadline = Date.now() + durationMs;
    const heapStart = heapNow();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1000);
    closers.push(async () => clearInterval(sampler));
    // The clock jumps, spread over the run.
    const jumps = faults.clockJumpsMs.map((ms, i) =>
      setTimeout(() => {
        e.clock.advance(ms);
        counts.clockJumps += 1;
        log(`clock +${ms / 1000} s (token and role credentials expire)`);
      }, (durationMs * (i + 1)) / (faults.clockJumpsMs.length + 1)),
    );
    closers.push(async () => jumps.forEach(clearTimeout));

    const shellStats = Array.from({ length: options.shells ?? 8 }, () => ({ rounds: 0, bytesVerified: 0, reconnects: 0, retransmissions: 0, ended: undefined as string | undefined }));
    const forwardStats = Array.from({ length: options.forwards ?? 2 }, () => ({ rounds: 0, bytesVerified: 0, ended: undefined as string | undefined }));
    const ended = (what: string, end: { reason: string; error?: { message: string } }, set: (s: string) => void) => {
      const text = `${what} ended (${end.reason})${end.error ? `: ${end.error.message}` : ''}`;
      set(text);
      if (end.reason === 'failed' && end.error?.message) toldEnds.push(text);
      else failures.push(`${text} — without telling the user why`);
    };

    const runShell = async (index: number): Promise<void> => {
      const stats = shellStats[index]!;
      const started = await api.start({ target: TARGET });
      const channel = new DataChannelClient({ sessionId: started.sessionId, streamUrl: started.streamUrl, tokenValue: started.tokenValue, resume: () => api.resume(started.sessionId), terminate: () => api.terminate(started.sessionId) });
      const shell = new ShellSession(channel);
      let buf = Buffer.alloc(0);
      let over: ChannelEnd | undefined;
      let expectingEnd = false;
      shell.onDidOutput((b) => (buf = buf.length ? Buffer.concat([buf, b]) : Buffer.from(b)));
      shell.onDidEnd((end) => {
        over = end;
        if (!expectingEnd) ended(`shell ${index}`, end, (s) => (stats.ended = s));
      });
      closers.push(async () => channel.close());
      await channel.open();
      const waitFor = async (test: () => boolean, what: string, ms = 90_000) => {
        const until = Date.now() + ms;
        while (!test()) {
          if (over) throw new Error(`shell ${index}: ended while waiting for ${what}`);
          if (Date.now() > until) throw new Error(`shell ${index}: stalled ${ms / 1000} s waiting for ${what}`);
          await sleep(20);
        }
      };
      await waitFor(() => /[$#] $/.test(buf.toString('latin1')), 'the prompt');
      shell.write('stty raw -echo; PS1=; export PS1\r');
      await sleep(300);
      for (let round = 0; Date.now() < deadline; round++) {
        const size = 32_768 + Math.floor(Math.random() * 200_000);
        const nonce = randomBytes(6).toString('hex');
        buf = Buffer.alloc(0);
        // The instance writes <S{sha}><B>{bytes}<E{nonce}>; the nonce proves this round's input arrived intact.
        shell.write(`f=$(mktemp); head -c ${size} /dev/urandom > $f; printf '<S%s><B>' "$(sha256sum < $f | cut -c1-64)"; cat $f; printf '<E%s>' ${nonce}; rm -f $f\r`);
        const endMarker = Buffer.from(`<E${nonce}>`);
        await waitFor(() => buf.includes(endMarker), `round ${round}`);
        const s = buf.indexOf('<S');
        const b = buf.indexOf('<B>', s);
        const e2 = buf.lastIndexOf(endMarker);
        if (s < 0 || b !== s + 67) {
          failures.push(`shell ${index} round ${round}: no digest header`);
          break;
        }
        const expected = buf.subarray(s + 2, s + 66).toString('latin1');
        const body = buf.subarray(b + 3, e2);
        if (body.length !== size || sha(body) !== expected) {
          failures.push(`shell ${index} round ${round}: ${body.length} of ${size} bytes, digest ${sha(body) === expected ? 'ok' : 'MISMATCH'}`);
          break;
        }
        stats.rounds += 1;
        stats.bytesVerified += size;
      }
      stats.reconnects = channel.stats.reconnects;
      stats.retransmissions = channel.stats.retransmissions;
      expectingEnd = true;
      shell.write('exit\r');
      await waitFor(() => over !== undefined, 'the end', 30_000).catch(() => channel.close());
    };

    const runForward = async (index: number): Promise<void> => {
      const stats = forwardStats[index]!;
      const fwd = await PortForwardSession.start({ api, target: TARGET, remotePort: 7 });
      let stopping = false;
      fwd.onDidEnd((end) => {
        if (!stopping) ended(`forward ${index}`, end as { reason: string; error?: { message: string } }, (s) => (stats.ended = s));
      });
      closers.push(() => fwd.stop());
      for (let round = 0; Date.now() < deadline && !stats.ended; round++) {
        const data = randomBytes(16_384 + Math.floor(Math.random() * 1_000_000));
        const back = await echo(fwd.localPort, data, 120_000).catch((err: Error) => {
          failures.push(`forward ${index} round ${round}: ${err.message}`);
          return undefined;
        });
        if (!back) break;
        if (back.length !== data.length || sha(back) !== sha(data)) {
          failures.push(`forward ${index} round ${round}: ${back.length} of ${data.length} bytes, digest ${sha(back) === sha(data) ? 'ok' : 'MISMATCH'}`);
          break;
        }
        stats.rounds += 1;
        stats.bytesVerified += data.length;
      }
      stopping = true;
      await fwd.stop();
    };

    const results = await Promise.allSettled([...shellStats.map((_, i) => runShell(i)), ...forwardStats.map((_, i) => runForward(i))]);
    // A session that ended with a message is already counted in toldEnds; anything else is a failure.
    for (const r of results) if (r.status === 'rejected' && !/ended while waiting/.test(String((r.reason as Error)?.message))) failures.push(String((r.reason as Error)?.message ?? r.reason));
    await sleep(200);
    const heapEnd = heapNow();
    const all = [...shellStats, ...forwardStats];
    return {
      date: new Date().toISOString(),
      minutes,
      seed,
      node: process.version,
      faults: { ...faults, dataChannel: { ...faults.dataChannel, killSockets: `every connection after ${killEveryMs / 1000} s` } },
      shells: shellStats,
      forwards: forwardStats,
      totals: { bytesVerified: all.reduce((a, s) => a + s.bytesVerified, 0), rounds: all.reduce((a, s) => a + s.rounds, 0), reconnects: shellStats.reduce((a, s) => a + s.reconnects, 0), ...counts },
      heap: { startMB: mb(heapStart), endMB: mb(heapEnd), peakMB: mb(Math.max(peak, heapEnd)), gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function' },
      failures,
      toldEnds,
      ok: failures.length === 0,
    };
  } finally {
    FaultPlan.prototype.decide = decide;
    for (const c of closers.reverse()) await c().catch(() => {});
    await emu?.close();
    if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  }
}

/** Writes `data` to the forward with back-pressure and resolves with the echo. */
function echo(port: number, data: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    let got = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`echo stalled after ${got} of ${data.length} bytes`));
    }, timeoutMs);
    socket.on('data', (d: Buffer) => {
      parts.push(d);
      got += d.length;
      if (got >= data.length) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Buffer.concat(parts));
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (got < data.length) reject(new Error(`connection closed after ${got} of ${data.length} bytes`));
    });
    socket.on('connect', async () => {
      for (let i = 0; i < data.length; i += 65_536) {
        if (!socket.write(data.subarray(i, i + 65_536))) await new Promise((r) => socket.once('drain', r));
      }
    });
  });
}
