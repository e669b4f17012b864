// startEmulator(): the whole local AWS in one process — control-plane APIs on one endpoint, the
// Session Manager data channel behind StartSession, with a controllable clock and fault knobs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ControllableClock } from './clock';
import { loadFixture } from './fixture/load';
import type { Fixture } from './fixture/schema';
import { World, type CloudTrailEvent } from './world';
import type { SshHostFleet } from './contracts';
import { startSshFleet, type SshBackend } from './sshFleet';
import { OidcService } from './services/oidc';
import { PortalService } from './services/portal';
import { Ec2Service } from './services/ec2';
import { SsmService } from './services/ssm';
import { InstanceConnectStore } from './services/misc';
import { createSessionBroker, SUPPORTED_DOCUMENTS, type DataChannelBroker } from './datachannel/broker';
import type { DataChannelFaults } from './datachannel/faults';
import { FaultPlan, type ApiFaults } from './faults';
import { createEmulatorServer } from './server';
import { KmsService } from './services/kms';

export interface EmulatorOptions {
  /** A fixture object, or a path to a YAML/JSON fixture (default: the landing zone). */
  fixture?: Fixture | string;
  port?: number;
  clock?: ControllableClock;
  faults?: ApiFaults;
  dataChannelFaults?: DataChannelFaults;
  /** Seeds derived key material (stable host keys and Parameter Store key pairs). */
  seed?: string;
  /** SSH hosts for the fixture's bastions and agentless hosts: false for none; by default the
   *  embedded back-end, and a failure to start it is logged rather than fatal. */
  ssh?: false | SshBackend;
  log?: (message: string) => void;
}

export interface Emulator {
  endpoint: string;
  region: string;
  startUrl: string;
  users: Array<{ username: string; password: string }>;
  clock: ControllableClock;
  world: World;
  broker: DataChannelBroker;
  instanceConnect: InstanceConnectStore;
  /** The running SSH hosts, when requested and this build has the SSH part. */
  ssh: SshHostFleet | undefined;
  /** CloudTrail events recorded so far, oldest first. */
  events(): readonly CloudTrailEvent[];
  setFaults(faults: ApiFaults): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const fixture = typeof options.fixture === 'object' ? options.fixture : loadFixture(options.fixture);
  const clock = options.clock ?? new ControllableClock();
  const log = options.log ?? (() => {});
  const world = new World(fixture, clock, options.seed ?? 'fumidai-emulator');
  const dataDir = mkdtempSync(join(tmpdir(), 'fumidai-emulator-'));
  let endpoint = '';
  // The SSH hosts start after the APIs (they need the Instance Connect store), so
  // AWS-StartSSHSession looks the target's host up when a session dials, not now.
  let ssh: SshHostFleet | undefined;
  // Session Manager's KMS encryption: the API answers GenerateDataKey, the agent opens the key.
  const kms = new KmsService(world);
  const broker = createSessionBroker({
    clock,
    openDataKey: (ciphertext, context) => kms.openDataKey(ciphertext, context),
    streamBaseUrl: () => endpoint.replace(/^http/, 'ws'),
    faults: options.dataChannelFaults,
    log,
    // The prompt shows the host name EC2 would give the instance (ip-10-0-1-5).
    hostnameFor: (target) => {
      const ip = world.instance(target.instanceId)?.privateIp;
      return ip ? `ip-${ip.replace(/\./g, '-')}` : target.instanceId;
    },
    resolveSshEndpoint: (instanceId) => {
      const host = ssh?.hostFor(instanceId);
      return host ? { host: host.host, port: host.port } : undefined;
    },
  });
  const faults = new FaultPlan(options.faults);
  const instanceConnect = new InstanceConnectStore(world);
  const server = createEmulatorServer({
    world,
    oidc: new OidcService(world, () => endpoint),
    portal: new PortalService(world),
    ec2: new Ec2Service(world),
    ssm: new SsmService(world, Object.assign(broker, { supportedDocuments: Object.keys(SUPPORTED_DOCUMENTS) }), dataDir),
    instanceConnect,
    kms,
    broker,
    faults,
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const shutdownApis = async () => {
    await broker.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  };
  try {
    ssh = options.ssh === false ? undefined : await startSshFleet(world, instanceConnect, options.ssh ?? 'embedded', log);
  } catch (e) {
    // Asked for by name: fail loudly. By default: the APIs still serve, and the log says why SSH does not.
    if (options.ssh === undefined) log(`SSH hosts not started: ${(e as Error).message}`);
    else {
      await shutdownApis();
      throw new Error(`the emulator's SSH hosts (${options.ssh}) did not start: ${(e as Error).message}`, { cause: e });
    }
  }
  return {
    endpoint,
    region: fixture.organization.ssoRegion,
    startUrl: fixture.organization.startUrl,
    users: fixture.users.map(({ username, password }) => ({ username, password })),
    clock,
    world,
    broker,
    instanceConnect,
    ssh,
    events: () => world.events,
    setFaults: (f) => faults.set(f),
    async close() {
      await ssh?.close();
      await shutdownApis();
    },
  };
}

export { ControllableClock };
export type { ApiFaults, SshBackend, CloudTrailEvent };
