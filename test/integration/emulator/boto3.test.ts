// The emulator's wire formats as botocore (Python) parses them, not just as our own code expects:
// EC2 (ec2 query/XML), SSM (awsJson1_1) and STS (awsQuery/XML) through boto3 with an endpoint override.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { SSOClient, GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { startEmulator, type Emulator } from '../../../emulator';
import { signInWithDeviceCode } from '../../helpers/emulatorSignIn';

const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
if (!hasBoto3) console.log('boto3 is not installed (pip install boto3): the Python interop test did not run');

const SCRIPT = `
import json, sys, boto3
endpoint, key, secret, token = sys.argv[1:5]
s = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token, region_name='ap-northeast-1')
out = {}
out['account'] = s.client('sts', endpoint_url=endpoint).get_caller_identity()['Account']
ec2 = s.client('ec2', endpoint_url=endpoint)
pages = list(ec2.get_paginator('describe_instances').paginate(Filters=[{'Name': 'instance-state-name', 'Values': ['running']}]))
out['ec2_pages'] = len(pages)
out['instances'] = sorted(i['InstanceId'] for p in pages for r in p['Reservations'] for i in r['Instances'])
out['tags'] = {t['Key']: t['Value'] for p in pages for r in p['Reservations'] for i in r['Instances'] if i['InstanceId'] == 'i-0c33333333333333c' for t in i['Tags']}
ssm = s.client('ssm', endpoint_url=endpoint)
out['ping'] = {i['InstanceId']: i['PingStatus'] for i in ssm.describe_instance_information()['InstanceInformationList']}
try:
    ec2.describe_instances(InstanceIds=['i-0000000000000dead'])
except Exception as e:
    out['ec2_error'] = e.response['Error']['Code']
try:
    ssm.get_parameter(Name='/nope')
except Exception as e:
    out['ssm_error'] = e.response['Error']['Code']
print(json.dumps(out))
`;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

describe('boto3 against the emulator', () => {
  it.runIf(hasBoto3)('parses EC2, SSM and STS responses and errors', async () => {
    const { accessToken } = await signInWithDeviceCode(emu);
    const creds = (await new SSOClient({ region: emu.region, endpoint: emu.endpoint }).send(new GetRoleCredentialsCommand({ accessToken, accountId: '333333333333', roleName: 'ReadOnly' }))).roleCredentials!;
    // Async: the emulator runs in this process and must keep answering while Python waits.
    const { stdout } = await promisify(execFile)('python3', ['-c', SCRIPT, emu.endpoint, creds.accessKeyId!, creds.secretAccessKey!, creds.sessionToken!], {
      env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
      timeout: 60_000,
    });
    const out = JSON.parse(stdout);
    expect(out.account).toBe('333333333333');
    expect(out.ec2_pages).toBeGreaterThan(1);
    expect(out.instances).toEqual(['i-0c33333333333333a', 'i-0c33333333333333b', 'i-0c33333333333333c', 'i-0c33333333333333d', 'i-0c33333333333333f']);
    expect(out.tags).toMatchObject({ Name: 'dev-bastion', Role: 'bastion' });
    expect(out.ping['i-0c33333333333333a']).toBe('Online');
    expect(out.ec2_error).toBe('InvalidInstanceID.NotFound');
    expect(out.ssm_error).toBe('ParameterNotFound');
  });
});
