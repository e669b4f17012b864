// Starts one real OpenSSH sshd per emulated host on a loopback port. Authorised keys and TOTP
// checks come from the fleet (its clock, its Instance Connect keys) through a small helper; logins
// are read from sshd's own log. Everything lives in one temporary directory removed on close.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshHostFleet, SshHostHandle, SshHostSpec } from '../../contracts';
import type { StartSshHostsOptions } from '../index';
import { HostAuthPolicy } from '../hostAuth';
import { hostKeyOf } from '../hostKeys';
import { LoginLog } from '../loginLog';
import { ControlChannel } from './controlChannel';
import { HELPER_SOURCE } from './helperScript';
import { writeEmulatedUsers } from './osUsers';
import { locateOpenSsh, type OpenSshToolchain } from './preflight';
import { renderPamFallback, renderPamService, renderSshdConfig } from './sshdConfig';
import { SshdLogParser } from './sshdLog';
import { SshdProcess } from './sshdProcess';

/** sshd's privilege-separation directory, compiled into Debian's sshd. */
const PRIVSEP_DIR = '/run/sshd';
/** Log lines worth passing to the emulator's log: outcomes and problems, not every debug step. */
const NOTEWORTHY = /error|fatal|refused|denied|Accepted publickey|Accepted keyboard|Failed|Invalid|Unsafe|bad ownership/i;

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface StartedHost {
  handle: SshHostHandle;
  sshd: SshdProcess;
}

export async function startOpenSshFleet(opts: StartSshHostsOptions): Promise<SshHostFleet> {
  const tools = locateOpenSsh();
  const log = opts.log ?? (() => {});
  mkdirSync(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'fumidai-sshd-'));
  // Homes below it belong to the emulated users, who must be able to reach them.
  chmodSync(dir, 0o755);
  if (/[\s"'\\]/.test(dir + tools.node)) throw new Error(`the OpenSSH back-end cannot use paths with spaces or quotes (${dir}, ${tools.node}): sshd splits its command lines on them`);

  const policies = new Map(opts.specs.map((spec) => [spec.instanceId, new HostAuthPolicy(spec, opts.instanceConnect, opts.clock)]));
  const logins = new LoginLog(log);
  const control = new ControlChannel(policies, log);
  const socketPath = join(dir, 'control.sock');
  const helperPath = join(dir, 'helper.mjs');
  writeFileSync(helperPath, HELPER_SOURCE, { mode: 0o644 });
  const started: StartedHost[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(started.map((h) => h.sshd.stop()));
    await control.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await control.listen(socketPath);
    for (const spec of opts.specs) {
      const host = await startHost(spec, policies.get(spec.instanceId)!, { tools, dir, helperCommand: `${tools.node} ${helperPath} ${socketPath}`, control, logins, opts, log });
      started.push(host);
      log(`ssh ${spec.role} ${spec.instanceId} (${spec.name}) is OpenSSH sshd on 127.0.0.1:${host.handle.port}, host key ${host.handle.hostKeyFingerprint}`);
    }
  } catch (err) {
    await close();
    throw err;
  }
  const handles = started.map((h) => h.handle);
  return {
    backend: 'openssh',
    hosts: handles,
    hostFor: (instanceId) => handles.find((h) => h.instanceId === instanceId),
    logins: () => logins.all(),
    onDidLogin: (listener) => logins.onDidLogin(listener),
    close,
  };
}

interface HostContext {
  tools: OpenSshToolchain;
  dir: string;
  helperCommand: string;
  control: ControlChannel;
  logins: LoginLog;
  opts: StartSshHostsOptions;
  log: (m: string) => void;
}

async function startHost(spec: SshHostSpec, policy: HostAuthPolicy, ctx: HostContext): Promise<StartedHost> {
  const hostDir = join(ctx.dir, spec.instanceId);
  mkdirSync(hostDir, { mode: 0o755 });
  const key = hostKeyOf(spec);
  const hostKeyFile = join(hostDir, 'ssh_host_ed25519_key');
  writeFileSync(hostKeyFile, key.privateKeyOpenSsh, { mode: 0o600 });
  const users = writeEmulatedUsers(spec, hostDir);
  const pamDir = join(hostDir, 'pam.d');
  const parser = new SshdLogParser(spec.instanceId, ctx.logins, () => ctx.opts.clock.now(), (fingerprint, osUser) => ctx.control.sourceOf(spec.instanceId, fingerprint) ?? policy.sourceOfFingerprint(osUser, fingerprint));

  // The port is picked free and then handed to sshd, so another process may take it in between:
  // try again with a new one.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freeLoopbackPort();
    const files = { port, hostKeyFile, helperCommand: ctx.helperCommand, nssWrapper: ctx.tools.nssWrapper, pamModulesDir: ctx.tools.pamModulesDir, ...users };
    const configFile = join(hostDir, 'sshd_config');
    writeFileSync(configFile, renderSshdConfig(spec, files), { mode: 0o600 });
    const env: Record<string, string> = {
      PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
      LD_PRELOAD: ctx.tools.nssWrapper,
      NSS_WRAPPER_PASSWD: users.passwdFile,
      NSS_WRAPPER_GROUP: users.groupFile,
    };
    if (spec.totpSecret) {
      mkdirSync(pamDir, { recursive: true, mode: 0o755 });
      writeFileSync(join(pamDir, 'sshd'), renderPamService(spec, files), { mode: 0o644 });
      writeFileSync(join(pamDir, 'other'), renderPamFallback(files), { mode: 0o644 });
      Object.assign(env, { LD_PRELOAD: `${ctx.tools.nssWrapper}:${ctx.tools.pamWrapper}`, PAM_WRAPPER: '1', PAM_WRAPPER_SERVICE_DIR: pamDir });
    }
    try {
      const sshd = await SshdProcess.start({
        sshd: ctx.tools.sshd,
        configFile,
        env,
        onLine: (line) => {
          parser.line(line);
          if (NOTEWORTHY.test(line)) ctx.log(`sshd ${spec.instanceId}: ${line}`);
        },
      });
      return { sshd, handle: { instanceId: spec.instanceId, host: '127.0.0.1', port, hostPublicKey: key.publicKeyOpenSsh, hostKeyFingerprint: key.fingerprint } };
    } catch (err) {
      lastError = err as Error;
      if (!/bind|Address already in use/i.test(lastError.message)) break;
    }
  }
  throw new Error(`could not start sshd for ${spec.instanceId}: ${lastError?.message}`);
}
