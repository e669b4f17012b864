// `npm run emulator [-- --port N --fixture FILE --json --ssh embedded|openssh|none]`: the local AWS
// sandbox on its own.
import { parseArgs } from 'node:util';
import { startEmulator } from './index';

const { values } = parseArgs({ options: { port: { type: 'string' }, fixture: { type: 'string' }, json: { type: 'boolean' }, latency: { type: 'string' }, ssh: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  process.stdout.write('Usage: npm run emulator -- [--port N] [--fixture FILE.yaml] [--json] [--latency MS] [--ssh embedded|openssh|none]\n\nStarts the local AWS sandbox (IAM Identity Center, SSO portal, STS, EC2, SSM with Session Manager, CloudTrail, EC2 Instance Connect) on 127.0.0.1.\n');
  process.exit(0);
}
const port = values.port ? Number(values.port) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a number from 0 to 65535, not ${values.port}\n`);
  process.exit(2);
}
const latency = values.latency ? Number(values.latency) : 0;
if (!Number.isFinite(latency) || latency < 0) {
  process.stderr.write(`--latency must be a number of milliseconds, not ${values.latency}\n`);
  process.exit(2);
}
if (values.ssh !== undefined && !['embedded', 'openssh', 'none'].includes(values.ssh)) {
  process.stderr.write(`--ssh must be embedded, openssh or none, not ${values.ssh}\n`);
  process.exit(2);
}
const ssh = values.ssh === undefined ? undefined : values.ssh === 'none' ? false : (values.ssh as 'embedded' | 'openssh');
let emulator: Awaited<ReturnType<typeof startEmulator>>;
try {
  emulator = await startEmulator({ port, fixture: values.fixture, ssh, faults: latency ? { latencyMs: latency } : undefined, log: (m) => process.stderr.write(`[emulator] ${m}\n`) });
} catch (e) {
  // A bad fixture or a busy port: the reason, not a stack trace.
  process.stderr.write(`The emulator did not start: ${(e as Error).message}\n`);
  process.exit(1);
}
if (values.json) {
  process.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint, region: emulator.region, startUrl: emulator.startUrl, users: emulator.users })}\n`);
} else {
  const u = emulator.users[0]!;
  process.stdout.write(
    [
      `Fumidai AWS sandbox running at ${emulator.endpoint}`,
      '',
      `  IAM Identity Center start URL  ${emulator.startUrl} (region ${emulator.region})`,
      `  Sign-in page                   ${emulator.endpoint}/device`,
      `  Demo user                      ${u.username} / ${u.password}`,
      `  Accounts / instances           ${emulator.world.fixture.accounts.length} / ${emulator.world.fixture.instances.length}`,
      ...(emulator.ssh?.hosts.length
        ? [`  SSH hosts (${emulator.ssh.backend})`, ...emulator.ssh.hosts.map((h) => `    ${(emulator.world.instance(h.instanceId)?.name ?? h.instanceId).padEnd(28)} ${h.host}:${h.port}`)]
        : []),
      '',
      'Point Fumidai, the AWS CLI v2 (>= 2.13) or an SDK at it:',
      `  export AWS_ENDPOINT_URL=${emulator.endpoint}`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}
const stop = () => void emulator.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
