// A test key provider: the fixture host's key pair from Parameter Store, fetched with the user's
// role credentials at connect time, as the key vault's Parameter Store source does.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { RoleCredentialsService } from '../../../main/accounts/roleCredentials';
import type { SshHop, SshKeyProvider } from '../../../main/ssh/types';

/** Which Parameter Store key opens which fixture host. */
export const KEY_PARAMETERS: Record<string, string> = {
  'i-0a11111111111111c': '/fumidai/keys/production/bastion',
  'i-0a11111111111111d': '/fumidai/keys/production/legacy-batch',
  'i-0c33333333333333c': '/fumidai/keys/development/bastion',
};

export function parameterStoreKeys(credentials: () => Pick<RoleCredentialsService, 'provider'>, handedOut: string[] = []): SshKeyProvider {
  return {
    async keyFor(hop: SshHop, access) {
      const name = hop.instance && KEY_PARAMETERS[hop.instance.instanceId];
      if (!name) return undefined;
      const provider = credentials().provider(access.ssoSessionId, access.accountId, access.roleName);
      const out = await new SSMClient({ region: access.region, credentials: provider }).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      handedOut.push(name);
      return { privateKey: out.Parameter!.Value!, source: `Parameter Store ${name}` };
    },
  };
}
