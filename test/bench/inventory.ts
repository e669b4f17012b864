// `npm run bench:inventory`: inventory of a generated organisation (200 accounts × 2 regions × 50
// instances by default) through the emulator with 50 ms of latency on every API call. Reports time
// to first row and to complete next to the ideal for the chosen concurrency
// (calls × latency ÷ concurrency), and writes test/bench/results/inventory.json.
// Options: --accounts N --instances N --latency MS
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Emulator } from '../../emulator';
import { generateLargeOrg } from '../../emulator/fixture/generate';
import { createPortalApi } from '../../main/auth/portal';
import { RoleCredentialsService } from '../../main/accounts/roleCredentials';
import { InventoryService, INVENTORY_CONCURRENCY } from '../../main/inventory/inventoryService';
import { classifyAccount } from '../../common/environments';
import { signInWithDeviceCode } from '../helpers/emulatorSignIn';
import type { AccountSummary } from '../../common/api/accounts';

const { values } = parseArgs({ options: { accounts: { type: 'string', default: '200' }, instances: { type: 'string', default: '50' }, latency: { type: 'string', default: '50' } } });
const accountsN = Number(values.accounts);
const perRegion = Number(values.instances);
const latency = Number(values.latency);
const regions = ['ap-northeast-1', 'us-west-2'];

// The emulator runs in its own process (as AWS would be elsewhere), so the client's measured time
// is not inflated by the emulator's CPU on this machine's other core.
const dir = mkdtempSync(join(tmpdir(), 'fumidai-bench-'));
writeFileSync(join(dir, 'org.json'), JSON.stringify(generateLargeOrg({ accounts: accountsN, instancesPerRegion: perRegion, regions })));
const child = spawn(process.execPath, ['--import', 'tsx', new URL('../../emulator/cli.ts', import.meta.url).pathname, '--json', '--fixture', join(dir, 'org.json'), '--latency', String(latency)], { stdio: ['ignore', 'pipe', 'inherit'] });
const info = await new Promise<{ endpoint: string; region: string; startUrl: string; users: Array<{ username: string; password: string }> }>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
  child.once('exit', (code) => reject(new Error(`emulator exited ${code}`)));
});
const emu = { ...info } as unknown as Emulator;
process.env.AWS_ENDPOINT_URL = emu.endpoint;
try {
  const { accessToken } = await signInWithDeviceCode(emu);
  const portal = createPortalApi(emu.region);
  const accounts: AccountSummary[] = [];
  for await (const page of portal.listAccounts(accessToken)) for (const a of page) accounts.push({ ...a, environment: classifyAccount(a), roles: ['ReadOnly', 'AdministratorAccess'], favorite: false });

  let calls = 0;
  const countingPortal = { ...portal, getRoleCredentials: (...a: Parameters<typeof portal.getRoleCredentials>) => (calls++, portal.getRoleCredentials(...a)) };
  const credentials = new RoleCredentialsService({ accessToken: async () => accessToken, portalFor: () => countingPortal });
  const inventory = new InventoryService({ accounts: async () => accounts, credentials, regions: () => regions });
  const started = performance.now();
  let firstRowMs: number | undefined;
  inventory.onDidChange((s) => {
    if (firstRowMs === undefined && s.instances.length > 0) firstRowMs = performance.now() - started;
  });
  const cpu0 = process.cpuUsage();
  const snap = await inventory.loadAll('bench');
  const completeMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);

  // API calls made: GetRoleCredentials per account, and per account×region one DescribeInstances
  // and one DescribeInstanceInformation page (page sizes cover 50 instances), run in parallel.
  const tasks = accountsN * regions.length;
  const apiCalls = calls + tasks * 2;
  // The ideal: every API call at the emulated latency, `concurrency` at a time.
  const idealMs = (apiCalls * latency) / INVENTORY_CONCURRENCY;
  // A stricter floor for our pipeline: a task's two calls run together, credentials on their own pool.
  const strictIdealMs = (Math.max(calls, tasks) * latency) / INVENTORY_CONCURRENCY;
  const result = {
    date: new Date().toISOString(),
    machine: `${process.platform} ${process.arch}, node ${process.version}`,
    accounts: accountsN,
    regions: regions.length,
    instances: snap.instances.length,
    latencyMs: latency,
    concurrency: INVENTORY_CONCURRENCY,
    apiCalls,
    firstRowMs: Math.round(firstRowMs ?? completeMs),
    completeMs: Math.round(completeMs),
    idealMs: Math.round(idealMs),
    completeOverIdeal: Number((completeMs / idealMs).toFixed(2)),
    strictIdealMs: Math.round(strictIdealMs),
    completeOverStrictIdeal: Number((completeMs / strictIdealMs).toFixed(2)),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    errors: snap.errors.length,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `first row ${result.firstRowMs} ms (target < 1000), complete ${result.completeMs} ms vs ideal ${result.idealMs} ms = ${result.completeOverIdeal}× (target ≤ 1.5×); ` +
      `vs the pipeline's floor ${result.strictIdealMs} ms = ${result.completeOverStrictIdeal}×; client CPU ${result.cpuMs} ms`,
  );
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/inventory.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
