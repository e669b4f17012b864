// Finding an instance by its Name tag for the command line, the way people refer to hosts
// ("prod-legacy-batch"), with one DescribeInstances filtered on the tag in the account and region
// given — the CLI should not list a whole organisation to reach one host. A name that matches no
// live instance, or several (an Auto Scaling group's hosts share one), is an error that lists the
// candidates, never a guess.
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { FumidaiError } from '../../common/api/errors';
import { ec2Sdk } from './sdkModules';
import { sdkUserAgent } from './deviceAgent';

export interface NamedInstance {
  instanceId: string;
  state: string;
  privateIp?: string;
}

export interface NameLookupWhere {
  accountId: string;
  region: string;
  credentials: ReturnType<RoleCredentialsService['provider']>;
}

export type NameLookup = (name: string, where: NameLookupWhere) => Promise<NamedInstance[]>;

/** Instances (not terminated) whose Name tag is exactly `name`. */
export const describeByName: NameLookup = async (name, where) => {
  const { EC2Client, DescribeInstancesCommand } = await ec2Sdk();
  const ec2 = new EC2Client({ region: where.region, credentials: where.credentials, customUserAgent: sdkUserAgent() });
  try {
    const found: NamedInstance[] = [];
    let NextToken: string | undefined;
    do {
      const out = await ec2.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'tag:Name', Values: [name] },
            { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
          ],
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      for (const i of (out.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
        if (i.InstanceId) found.push({ instanceId: i.InstanceId, state: i.State?.Name ?? 'unknown', ...(i.PrivateIpAddress ? { privateIp: i.PrivateIpAddress } : {}) });
      }
      NextToken = out.NextToken;
    } while (NextToken);
    return found;
  } catch (e) {
    const err = e as Error & { name?: string };
    if (err.name === 'UnauthorizedOperation' || err.name === 'AccessDenied') throw new FumidaiError('AccessDenied', err.message);
    throw new FumidaiError('Network', `DescribeInstances failed: ${err.message}`);
  } finally {
    ec2.destroy();
  }
};

/** The one instance named `name`, or an error that says what matched and what to give instead. */
export async function resolveInstanceName(name: string, where: NameLookupWhere, lookup: NameLookup = describeByName): Promise<string> {
  const found = await lookup(name, where);
  const place = `account ${where.accountId}, region ${where.region}`;
  if (found.length === 0) {
    throw new FumidaiError('NotFound', `No instance is named '${name}' in ${place}. Check the name, --account and --region, or search with: fumidai instances ${JSON.stringify(name)}`);
  }
  if (found.length > 1) {
    const list = found.map((i) => `${i.instanceId} (${i.state}${i.privateIp ? `, ${i.privateIp}` : ''})`).join(', ');
    throw new FumidaiError('Conflict', `'${name}' names ${found.length} instances in ${place}: ${list}. Give the instance id instead.`, { candidates: found.map((i) => i.instanceId) });
  }
  return found[0]!.instanceId;
}

const INSTANCE_ID = /^(i|mi)-[0-9a-f]{8,17}$/;

/** An instance id, or something that may be a Name tag (printable, not an option). */
export function isInstanceId(text: string): boolean {
  return INSTANCE_ID.test(text);
}

export function isPlausibleName(text: string): boolean {
  // Tag values are at most 255 characters; control characters would reach the terminal and logs.
  return text.length > 0 && text.length <= 255 && !text.startsWith('-') && [...text].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f);
}
