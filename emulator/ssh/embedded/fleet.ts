// Starts one embedded ssh2 host per spec, each on its own loopback port, with the fleet's private
// IPs mapped onto those ports for the bastions' direct-tcpip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshHostFleet, SshHostHandle, SshLoginRecord } from '../../contracts';
import type { StartSshHostsOptions } from '../index';
import { HostAuthPolicy } from '../hostAuth';
import { LoginLog } from '../loginLog';
import { EmbeddedSshHost } from './host';

export async function startEmbeddedFleet(opts: StartSshHostsOptions): Promise<SshHostFleet> {
  const log = opts.log ?? (() => {});
  const rootDir = mkdtempSync(join(tmpdir(), 'fumidai-ssh-'));
  const logins = new LoginLog(log);
  const addresses = { sshPortByPrivateIp: new Map<string, number>() };
  const hosts: EmbeddedSshHost[] = [];
  const handles: SshHostHandle[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(hosts.map((h) => h.close()));
    rmSync(rootDir, { recursive: true, force: true });
  };
  try {
    for (const spec of opts.specs) {
      const host = new EmbeddedSshHost({
        policy: new HostAuthPolicy(spec, opts.instanceConnect, opts.clock),
        rootDir: join(rootDir, spec.instanceId),
        logins,
        addresses,
        now: () => opts.clock.now(),
        log,
      });
      hosts.push(host);
      const handle = await host.listen();
      handles.push(handle);
      addresses.sshPortByPrivateIp.set(spec.privateIp, handle.port);
      log(`ssh ${spec.role} ${spec.instanceId} (${spec.name}, ${spec.privateIp}) on 127.0.0.1:${handle.port}, host key ${handle.hostKeyFingerprint}`);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return {
    backend: 'embedded',
    hosts: handles,
    hostFor: (instanceId: string) => handles.find((h) => h.instanceId === instanceId),
    logins: (): SshLoginRecord[] => logins.all(),
    onDidLogin: (listener) => logins.onDidLogin(listener),
    close,
  };
}
