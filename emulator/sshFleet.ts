// The emulator's SSH hosts (bastions and hosts without the SSM agent) described from the fixture,
// and started through the SSH part (emulator/ssh) when that part is present in this build.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Clock, InstanceConnectKeys, SshHostFleet, SshHostSpec } from './contracts';
import type { World } from './world';

export type SshBackend = 'embedded' | 'openssh';

/** What the SSH part needs for every fixture instance with an `ssh` block. */
export function sshHostSpecs(world: World): SshHostSpec[] {
  return world.fixture.instances
    .filter((i) => i.ssh && i.state === 'running')
    .map((i) => {
      const ssh = i.ssh!;
      const authorizedKeys = ssh.keyParameters.map((name) => {
        const param = world.fixture.parameters.find((p) => p.name === name && p.account === i.account && p.region === i.region);
        const pair = param?.keyPair ? world.keyPairs.get(param.keyPair) : undefined;
        // The fixture loader already rejects this; keep the message useful if a caller skipped it.
        if (!pair) throw new Error(`instance ${i.id}: key parameter ${name} has no derived key pair`);
        return pair.publicKeyOpenSsh;
      });
      return {
        instanceId: i.id,
        name: i.name,
        role: ssh.role,
        privateIp: i.privateIp,
        osUsers: ssh.users,
        authorizedKeys,
        ...(ssh.totpSecret ? { totpSecret: ssh.totpSecret } : {}),
        hostKeySeed: `${world.seed}:host:${i.id}`,
      };
    });
}

type StartSshHosts = (opts: { specs: SshHostSpec[]; instanceConnect: InstanceConnectKeys; clock: Clock; backend: SshBackend }) => Promise<SshHostFleet>;

/**
 * Starts the SSH fleet, or returns undefined (with the reason logged) when this build has no SSH
 * part. The module is looked up at run time so the control plane builds and runs without it.
 */
export async function startSshFleet(
  world: World,
  instanceConnect: InstanceConnectKeys,
  backend: SshBackend,
  log: (message: string) => void,
): Promise<SshHostFleet | undefined> {
  const moduleUrl = new URL('./ssh/index.ts', import.meta.url);
  if (!existsSync(fileURLToPath(moduleUrl))) {
    log('SSH hosts not started: this build has no emulator/ssh part');
    return undefined;
  }
  const mod = (await import(pathToFileURL(fileURLToPath(moduleUrl)).href)) as { startSshHosts?: StartSshHosts };
  if (typeof mod.startSshHosts !== 'function') {
    log('SSH hosts not started: emulator/ssh does not export startSshHosts');
    return undefined;
  }
  return mod.startSshHosts({ specs: sshHostSpecs(world), instanceConnect, clock: world.clock, backend });
}
