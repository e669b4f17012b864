// The facts the SSH route needs about instances named on the command line (their Name tag and
// addresses), from EC2 DescribeInstances with the user's role credentials. The desktop app takes
// them from its inventory instead; the CLI should not list a whole organisation to reach one host.
import { ec2Sdk } from '../aws/sdkModules';
import { sdkUserAgent } from '../aws/deviceAgent';
import type { RoleCredentialsService } from '../accounts/roleCredentials';
import { FumidaiError } from '../../common/api/errors';
import type { InstanceFacts } from './routePlan';

export type InstanceLookup = (
  ids: string[],
  where: { accountId: string; region: string; environment?: string; credentials: ReturnType<RoleCredentialsService['provider']> },
) => Promise<InstanceFacts[]>;

export const describeInstancesLookup: InstanceLookup = async (ids, where) => {
  const { EC2Client, DescribeInstancesCommand } = await ec2Sdk();
  const ec2 = new EC2Client({ region: where.region, credentials: where.credentials, customUserAgent: sdkUserAgent() });
  try {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
    const found = (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
    return ids.map((id) => {
      const i = found.find((x) => x.InstanceId === id);
      if (!i) throw new FumidaiError('NotFound', `${id} was not found in account ${where.accountId}, region ${where.region}.`);
      const name = i.Tags?.find((t) => t.Key === 'Name')?.Value;
      return {
        instanceId: id,
        accountId: where.accountId,
        region: where.region,
        ...(name ? { name } : {}),
        ...(where.environment ? { environment: where.environment } : {}),
        ...(i.PrivateIpAddress ? { privateIp: i.PrivateIpAddress } : {}),
        ...(i.PublicIpAddress ? { publicIp: i.PublicIpAddress } : {}),
      };
    });
  } catch (e) {
    if (e instanceof FumidaiError) throw e;
    const err = e as Error & { name?: string };
    if (err.name === 'InvalidInstanceID.NotFound' || err.name === 'InvalidInstanceID.Malformed') throw new FumidaiError('NotFound', `${err.message} (account ${where.accountId}, region ${where.region}).`);
    if (err.name === 'UnauthorizedOperation' || err.name === 'AccessDenied') throw new FumidaiError('AccessDenied', err.message);
    throw new FumidaiError('Network', `DescribeInstances failed: ${err.message}`);
  } finally {
    ec2.destroy();
  }
};
