import { describe, expect, it } from 'vitest';
import { FumidaiError } from '../../../common/api/errors';
import { translateGetParameterError, translateInstanceConnectError } from './awsKeyApi';

const ctx = { ssoSessionId: 'acme', accountId: '333333333333', roleName: 'ReadOnly', region: 'ap-northeast-1' };
const aws = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('AWS refusals for keys', () => {
  it('names the parameter, the role and the permissions to ask for when GetParameter is denied', () => {
    const e = translateGetParameterError(aws('AccessDeniedException', 'User is not authorized to perform kms:Decrypt'), ctx, '/fumidai/keys/development/bastion');
    expect(e).toBeInstanceOf(FumidaiError);
    expect(e).toMatchObject({
      code: 'AccessDenied',
      message: 'The role ReadOnly in account 333333333333 may not read the SSH key /fumidai/keys/development/bastion (AWS: User is not authorized to perform kms:Decrypt). Ask for ssm:GetParameter and kms:Decrypt on it, sign in with a role that has them, or choose another key source in Settings › SSH keys.',
      details: { parameter: '/fumidai/keys/development/bastion', accountId: '333333333333', roleName: 'ReadOnly' },
    });
    expect(translateGetParameterError(aws('InvalidKeyId', 'disabled'), ctx, '/k')).toMatchObject({ code: 'InvalidConfig', message: expect.stringMatching(/KMS key that encrypts \/k is disabled or missing/) });
    expect(translateGetParameterError(aws('ExpiredTokenException'), ctx, '/k')).toMatchObject({ code: 'SsoExpired' });
    expect(translateGetParameterError(aws('ThrottlingException', 'Rate exceeded'), ctx, '/k')).toMatchObject({ code: 'Throttled' });
  });

  it('says what to do for each way SendSSHPublicKey refuses', () => {
    const t = (name: string, message = 'x') => translateInstanceConnectError(aws(name, message), { ...ctx, roleName: 'Developer' }, 'i-0c33333333333333d', 'ec2-user');
    expect(t('AccessDeniedException')).toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/role Developer .* may not push an EC2 Instance Connect key to i-0c33333333333333d .*ec2-instance-connect:SendSSHPublicKey/) });
    expect(t('EC2InstanceStateInvalidException')).toMatchObject({ code: 'TargetNotConnected', message: expect.stringMatching(/not running.*Start it first/) });
    expect(t('EC2InstanceNotFoundException')).toMatchObject({ code: 'NotFound' });
    expect(t('EC2InstanceNotSupportedException')).toMatchObject({ code: 'NotSupported', message: expect.stringMatching(/Parameter Store or your own key/) });
    expect(t('ThrottlingException')).toMatchObject({ code: 'Throttled' });
    const passed = new FumidaiError('SsoExpired', 'Sign in again.');
    expect(translateInstanceConnectError(passed, ctx, 'i-1', 'u')).toBe(passed);
  });
});
