// The world the SSH integration tests connect in: the whole emulator with one SSH back-end, a user
// signed in to it (role credentials as the product gets them), and a temporary HOME whose
// ~/.ssh/config is the fleet's rendered config, so the product reaches the loopback hosts the
// standard way. Each test file used to build this itself; the setup lives here once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator';
import type { EmulatedSshFleet } from '../../../emulator/ssh';
import { openSshUnavailableReason } from '../../../emulator/ssh/openssh/preflight';
import type { InstanceSummary } from '../../../common/api/inventory';
import { RoleCredentialsService } from '../../../main/accounts/roleCredentials';
import { createPortalApi } from '../../../main/auth/portal';
import { signInWithDeviceCode } from '../../helpers/emulatorSignIn';

export type SshBackend = 'embedded' | 'openssh';

export const REGION = 'ap-northeast-1';
export const PROD = '111111111111';
export const DEV = '333333333333';
export const PROD_BASTION = 'i-0a11111111111111c'; // TOTP on its PAM
export const DEV_BASTION = 'i-0c33333333333333c'; // SSM agent and an SSH server

export interface SshWorld {
  emu: Emulator;
  fleet: EmulatedSshFleet;
  credentials: RoleCredentialsService;
  /** The temporary folder everything below lives in (removed after the file's tests). */
  root: string;
  /** The user's HOME: ~/.ssh/config only, mode 0700 like a real one. */
  home: string;
  /** Fumidai's user-data directory (host-key store, recordings, logs). */
  configDir: string;
  /** What TMPDIR points at while the tests run, when `captureTemp` was asked for. */
  temp: string;
  /**
   * The inventory's view of a fixture instance, as the detail panel has it: production or
   * development by account, routed through that account's bastion.
   */
  summaryOf(id: string, overrides?: Partial<InstanceSummary>): InstanceSummary;
}

export interface SshWorldOptions {
  /**
   * Point TMPDIR at `temp`, so everything the product (or a library under it) puts in "the
   * temporary directory" can be inspected afterwards.
   */
  captureTemp?: boolean;
}

export interface SshWorldHandle {
  /** The world inside a test; for a back-end this machine cannot run, the test is skipped with the reason. */
  started(ctx?: { skip: (note?: string) => void }): SshWorld;
  /** The world in a later beforeAll: undefined when the back-end cannot run here. */
  readonly current: SshWorld | undefined;
}

/** Starts the world before the file's (or describe block's) tests and takes it down after them. */
export function useSshWorld(backend: SshBackend, options: SshWorldOptions = {}): SshWorldHandle {
  let world: SshWorld | undefined;
  let unavailable: string | undefined;
  const saved = { AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL, TMPDIR: process.env.TMPDIR };
  let emu: Emulator | undefined;
  let root: string | undefined;

  beforeAll(async () => {
    unavailable = backend === 'openssh' ? await openSshUnavailableReason() : undefined;
    if (unavailable) {
      console.warn(`[ssh] the OpenSSH back-end tests did not run: ${unavailable}`);
      return;
    }
    root = mkdtempSync(join(tmpdir(), 'ssh-world-'));
    const home = join(root, 'home');
    const configDir = join(root, 'user-data');
    const temp = join(root, 'tmp');
    for (const d of [configDir, temp]) mkdirSync(d, { recursive: true });
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    if (options.captureTemp) process.env.TMPDIR = temp;
    emu = await startEmulator({ ssh: backend });
    process.env.AWS_ENDPOINT_URL = emu.endpoint;
    const { accessToken } = await signInWithDeviceCode(emu);
    const portal = createPortalApi(emu.region);
    const started = emu;
    const credentials = new RoleCredentialsService({ accessToken: async () => accessToken, portalFor: () => portal, now: () => started.clock.now() });
    const fleet = emu.ssh as EmulatedSshFleet;
    writeFileSync(join(home, '.ssh', 'config'), fleet.sshConfig());
    world = { emu, fleet, credentials, root, home, configDir, temp, summaryOf: (id, overrides) => summaryOf(started, id, overrides) };
  }, 60_000);

  afterAll(async () => {
    // Key by key: os.tmpdir() reads the real environment, which replacing process.env would not reset.
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await emu?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  return {
    started(ctx) {
      if (world) return world;
      if (unavailable && ctx) ctx.skip(unavailable);
      throw new Error(`the SSH world (${backend}) did not start${unavailable ? `: ${unavailable}` : ''}`);
    },
    get current() {
      return world;
    },
  };
}

function summaryOf(emu: Emulator, id: string, overrides: Partial<InstanceSummary> = {}): InstanceSummary {
  const i = emu.world.instance(id);
  if (!i) throw new Error(`no instance ${id} in the emulator's fixture`);
  const production = i.account === PROD;
  return {
    instanceId: i.id,
    name: i.name,
    accountId: i.account,
    accountName: 'acme',
    environment: production ? 'production' : 'development',
    region: i.region,
    roleName: 'ProductionOperator',
    state: 'running',
    platform: 'Linux',
    ...(i.privateIp ? { privateIp: i.privateIp } : {}),
    ...(i.publicIp ? { publicIp: i.publicIp } : {}),
    tags: {},
    ssm: { ping: 'None' },
    route: { kind: 'bastion', bastionId: production ? PROD_BASTION : DEV_BASTION },
    ...overrides,
  };
}
