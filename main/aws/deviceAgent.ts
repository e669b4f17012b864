// How this installation recognises its own calls in CloudTrail: every AWS SDK client the app
// creates appends `fumidai/<version> device/<id>` to its user agent, and CloudTrail records the
// user agent with each event. The login-activity watcher then knows that a StartSession whose
// user agent carries another device id (or none: the AWS CLI, another machine) was not made here.
// The id is random per installation (kept in the config directory), so it says nothing about the
// user or the machine.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../platform/atomicFile';

const ID = /^[a-z0-9]{16}$/;
let agent: { version: string; deviceId: string } | undefined;

/** The SDK's `customUserAgent` for clients created after `configureDeviceAgent`. */
export function sdkUserAgent(): Array<[string, string]> {
  if (!agent) return [['fumidai', 'cli']];
  return [
    ['fumidai', agent.version],
    ['device', agent.deviceId],
  ];
}

/** True when a recorded user agent names this installation. */
export function isThisDevice(userAgent: string | undefined, deviceId = agent?.deviceId): boolean {
  return !!userAgent && !!deviceId && userAgent.includes(`device/${deviceId}`);
}

export function currentDeviceId(): string | undefined {
  return agent?.deviceId;
}

/** Reads (or creates) this installation's id and switches the SDK clients' user agent to it. */
export async function configureDeviceAgent(configDir: string, version: string): Promise<string> {
  const file = join(configDir, 'device-id');
  let id = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (!ID.test(id)) {
    id = randomBytes(10).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(16, '0').slice(0, 16);
    await writeFileAtomic(file, `${id}\n`, { mode: 0o600 });
  }
  agent = { version: version.replace(/[^0-9A-Za-z.+-]/g, '') || '0', deviceId: id };
  return id;
}
