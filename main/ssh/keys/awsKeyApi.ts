// The two AWS calls behind the vault's cloud key sources, made with the user's role credentials at
// connect time: GetParameter (a SecureString holding a private key) and EC2 Instance Connect's
// SendSSHPublicKey. AWS's refusals become messages that name the key, the role and what to do.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { ssmSdk } from '../../aws/sdkModules';
import { EC2InstanceConnectClient, SendSSHPublicKeyCommand } from '@aws-sdk/client-ec2-instance-connect';
import type { RoleCredentialsService } from '../../accounts/roleCredentials';
import { FumidaiError } from '../../../common/api/errors';
import { networkOrInternal } from '../../auth/oidc';

/** Whose credentials and which region a call uses. */
export interface AwsCallContext {
  ssoSessionId: string;
  accountId: string;
  roleName: string;
  region: string;
}

export interface KeyAwsApi {
  /**
   * The decrypted value of a SecureString parameter, as bytes the caller zero-fills after use;
   * undefined when no parameter has that name.
   */
  getSecureString(ctx: AwsCallContext, name: string): Promise<Buffer | undefined>;
  /** Pushes a public key for one OS user on one instance; the instance accepts it for 60 s. */
  sendSshPublicKey(ctx: AwsCallContext, input: { instanceId: string; osUser: string; publicKey: string; availabilityZone?: string }): Promise<void>;
}

export function createKeyAwsApi(credentials: Pick<RoleCredentialsService, 'provider'>): KeyAwsApi {
  const ssm = new Map<string, SSMClient>();
  const ic = new Map<string, EC2InstanceConnectClient>();
  const keyOf = (c: AwsCallContext) => `${c.ssoSessionId}\u0000${c.accountId}\u0000${c.roleName}\u0000${c.region}`;
  const ssmFor = async (c: AwsCallContext) => {
    const sdk = await ssmSdk();
    return { sdk, client: cached(ssm, keyOf(c), () => new sdk.SSMClient({ region: c.region, credentials: credentials.provider(c.ssoSessionId, c.accountId, c.roleName) })) };
  };
  const icFor = (c: AwsCallContext) => cached(ic, keyOf(c), () => new EC2InstanceConnectClient({ region: c.region, credentials: credentials.provider(c.ssoSessionId, c.accountId, c.roleName) }));

  return {
    async getSecureString(ctx, name) {
      let out;
      try {
        const { sdk, client } = await ssmFor(ctx);
        out = await client.send(new sdk.GetParameterCommand({ Name: name, WithDecryption: true }));
      } catch (e) {
        if (nameOf(e) === 'ParameterNotFound') return undefined;
        throw translateGetParameterError(e, ctx, name);
      }
      const p = out.Parameter;
      if (!p || p.Value === undefined) return undefined;
      // A private key in a plain String parameter is readable by anyone with ssm:GetParameter and
      // sits unencrypted in the account: refuse it rather than normalise it.
      if (p.Type !== 'SecureString') {
        throw new FumidaiError('InvalidConfig', `${name} in account ${ctx.accountId} is a ${p.Type ?? 'non-SecureString'} parameter. Fumidai only uses SSH keys stored as SecureString; ask the account's owners to store it encrypted.`);
      }
      return Buffer.from(p.Value, 'utf8');
    },

    async sendSshPublicKey(ctx, input) {
      try {
        const out = await icFor(ctx).send(
          new SendSSHPublicKeyCommand({ InstanceId: input.instanceId, InstanceOSUser: input.osUser, SSHPublicKey: input.publicKey, AvailabilityZone: input.availabilityZone }),
        );
        if (out.Success === false) throw new FumidaiError('Internal', `EC2 Instance Connect did not accept the key for ${input.osUser}@${input.instanceId}.`);
      } catch (e) {
        throw translateInstanceConnectError(e, ctx, input.instanceId, input.osUser);
      }
    },
  };
}

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (!value) map.set(key, (value = make()));
  return value;
}

function nameOf(e: unknown): string {
  return (e as { name?: string }).name ?? '';
}

function messageOf(e: unknown): string {
  return ((e as { message?: string }).message ?? '').trim();
}

function expiredOrOther(e: unknown): Error {
  const name = nameOf(e);
  if (name === 'ExpiredTokenException' || name === 'ExpiredToken' || name === 'UnrecognizedClientException') {
    return new FumidaiError('SsoExpired', 'The role credentials expired. Sign in again.');
  }
  return networkOrInternal(e);
}

export function translateGetParameterError(e: unknown, ctx: AwsCallContext, name: string): Error {
  if (e instanceof FumidaiError) return e;
  switch (nameOf(e)) {
    case 'AccessDeniedException':
    case 'AccessDenied':
      return new FumidaiError(
        'AccessDenied',
        `The role ${ctx.roleName} in account ${ctx.accountId} may not read the SSH key ${name}${messageOf(e) ? ` (AWS: ${messageOf(e)})` : ''}. Ask for ssm:GetParameter and kms:Decrypt on it, sign in with a role that has them, or choose another key source in Settings › SSH keys.`,
        { parameter: name, accountId: ctx.accountId, roleName: ctx.roleName },
      );
    case 'InvalidKeyId':
      return new FumidaiError('InvalidConfig', `The KMS key that encrypts ${name} is disabled or missing, so the SSH key cannot be decrypted (AWS: ${messageOf(e)}).`);
    case 'ParameterVersionNotFound':
      return new FumidaiError('NotFound', `The version of ${name} that was asked for does not exist.`);
    default:
      return expiredOrOther(e);
  }
}

export function translateInstanceConnectError(e: unknown, ctx: AwsCallContext, instanceId: string, osUser: string): Error {
  if (e instanceof FumidaiError) return e;
  const aws = messageOf(e) ? ` (AWS: ${messageOf(e)})` : '';
  switch (nameOf(e)) {
    case 'AccessDeniedException':
    case 'AuthException':
      return new FumidaiError(
        'AccessDenied',
        `The role ${ctx.roleName} in account ${ctx.accountId} may not push an EC2 Instance Connect key to ${instanceId}${aws}. Ask for ec2-instance-connect:SendSSHPublicKey on it, or choose another key source in Settings › SSH keys.`,
        { instanceId, accountId: ctx.accountId, roleName: ctx.roleName },
      );
    case 'EC2InstanceNotFoundException':
      return new FumidaiError('NotFound', `EC2 Instance Connect cannot find ${instanceId} in account ${ctx.accountId}, ${ctx.region}${aws}.`);
    case 'EC2InstanceStateInvalidException':
      return new FumidaiError('TargetNotConnected', `${instanceId} is not running, so it cannot take an EC2 Instance Connect key${aws}. Start it first.`);
    case 'EC2InstanceUnavailableException':
      return new FumidaiError('TargetNotConnected', `${instanceId} cannot take EC2 Instance Connect keys right now${aws}. Try again shortly.`);
    case 'EC2InstanceNotSupportedException':
      return new FumidaiError('NotSupported', `${instanceId} does not support EC2 Instance Connect${aws}. Use a key from Parameter Store or your own key for it.`);
    case 'InvalidArgsException':
      return new FumidaiError('InvalidRequest', `EC2 Instance Connect refused the request for ${osUser}@${instanceId}${aws}.`);
    case 'ThrottlingException':
      return new FumidaiError('Throttled', `EC2 Instance Connect is throttling requests${aws}. Try again in a moment.`);
    default:
      return expiredOrOther(e);
  }
}
